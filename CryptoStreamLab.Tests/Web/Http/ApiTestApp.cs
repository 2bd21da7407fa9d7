using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// The app with LTCUSDT 1m known from both sides: the sample's first 1,500 candles in the archive before it starts, the next
/// 1,500 applied live (they trade), with a buffer of 200, so the newest 200 are served from the buffer and the rest from the
/// archive (which the app's own flush fills with the live ones). Shared by the read-only tests.
/// </summary>
public sealed class ApiTestApp : IAsyncLifetime
{
    public const int Archived = 1_500;
    public const int BufferCapacity = 200;

    public static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;
    public static readonly StreamKey Stream = CsvCandleFeeder.Stream;

    public InProcessApp App { get; } = new(Settings());

    public StreamDirectory Market => App.Services.GetRequiredService<StreamDirectory>();

    /// <summary>A fresh engine over all 3,000 candles: the indicators and signals every candle must have.</summary>
    public IReadOnlyList<Evaluation> Reference { get; private set; } = [];

    /// <summary>
    /// Binance where nothing listens (no live data but what a test applies), LTCUSDT only, a small buffer, and a strategy that
    /// trades on every cross (the default one seldom sells), so the trading log has plenty of fills.
    /// </summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = Stream.Symbol,
            ["MarketData:BufferCapacity"] = BufferCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Strategy:BuyRsiMin"] = "0",
            ["Strategy:BuyRsiMax"] = "100",
            ["Strategy:SellRsiMin"] = "0",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    public async Task InitializeAsync()
    {
        var root = Path.Combine(App.Folder, "archive");
        foreach (var day in Sample.Take(Archived).GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(root, day.Key), day.ToList());
        await App.StartAsync();
        new CsvCandleFeeder(Market, Sample.Skip(Archived).ToList()).ApplyClosed(Sample.Count - Archived);
        (await App.Services.GetRequiredService<CandleArchive>().FlushAsync()).Should().BeTrue("the live candles are archived");

        var strategy = App.Services.GetRequiredService<IOptions<StrategyOptions>>().Value;
        var engine = new StreamEngine(Stream, new EngineSettings(strategy, new TradingOptions(), Sample.Count));
        foreach (var candle in Sample) engine.Apply(candle);
        Reference = engine.Evaluations.ToArray();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
