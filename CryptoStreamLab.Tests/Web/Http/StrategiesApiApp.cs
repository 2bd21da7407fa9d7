using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// <see cref="ApiTestApp"/>'s LTCUSDT (half archived, half applied live, a buffer of 200) with three strategies: the seed's
/// trading on every cross, DonchianBreakout, and BollingerReversion named bb.
/// </summary>
public sealed class StrategiesApiApp : IAsyncLifetime
{
    public static readonly string[] Names = ["CrossoverRsi", "DonchianBreakout", "bb"];

    public static Dictionary<string, string?> Settings() => ApiTestApp.Settings(new Dictionary<string, string?>
    {
        ["Strategies:0:Type"] = "CrossoverRsi",
        ["Strategies:0:BuyRsiMin"] = "0",
        ["Strategies:0:BuyRsiMax"] = "100",
        ["Strategies:0:SellRsiMin"] = "0",
        ["Strategies:1:Type"] = "DonchianBreakout",
        ["Strategies:2:Type"] = "BollingerReversion",
        ["Strategies:2:Name"] = "bb",
    });

    public InProcessApp App { get; } = new(Settings());

    public StreamDirectory Market => App.Services.GetRequiredService<StreamDirectory>();

    public StreamSnapshot View(string strategy) => Market.Snapshot(ApiTestApp.Stream).For(strategy)!;

    /// <summary>A fresh engine of <paramref name="strategy"/> over all 3,000 candles: the series and signals every candle must have.</summary>
    public IReadOnlyList<Evaluation> Reference(string strategy)
    {
        var setup = Market.StrategiesOf(ApiTestApp.Stream).Single(s => s.Name == strategy);
        var engine = new StreamEngine(ApiTestApp.Stream, EngineSettings.For(setup, new TradingOptions(), ApiTestApp.Sample.Count));
        foreach (var candle in ApiTestApp.Sample) engine.Apply(candle);
        return engine.Evaluations.ToArray();
    }

    public async Task InitializeAsync()
    {
        var root = Path.Combine(App.Folder, "archive");
        foreach (var day in ApiTestApp.Sample.Take(ApiTestApp.Archived).GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(root, day.Key), day.ToList());
        await App.StartAsync();
        new CsvCandleFeeder(Market, ApiTestApp.Sample.Skip(ApiTestApp.Archived).ToList()).ApplyClosed(ApiTestApp.Sample.Count - ApiTestApp.Archived);
        (await App.Services.GetRequiredService<CandleArchive>().FlushAsync()).Should().BeTrue("the live candles are archived");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
