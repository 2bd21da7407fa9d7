using System.Globalization;
using System.Net;
using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// The app replays a shipped file from fresh accounts, through Kafka and the engine, with two strategies and a buffer of 300
/// (the rest of the history is read from the archive); then <c>…/at?time=T</c> for a closed candle T is what
/// <c>backtest --to</c> the next candle gives on the same file: cash, quantity, equity and the newest fills.
/// </summary>
public sealed class StreamAtReplayTests : IAsyncLifetime
{
    private const string File = "LTCUSDT-1m-2026-02-first3000.csv.gz";
    private const string Stream = "/api/v1/streams/LTCUSDT/1m";
    private static readonly StreamKey Key = new("LTCUSDT", KlineInterval.OneMinute);

    private static readonly Dictionary<string, string> StrategySettings = new()
    {
        ["Strategies:0:Name"] = "busy",
        ["Strategies:0:Type"] = "CrossoverRsi",
        ["Strategies:0:FastPeriod"] = "5",
        ["Strategies:0:SlowPeriod"] = "15",
        ["Strategies:0:BuyRsiMin"] = "0",
        ["Strategies:0:BuyRsiMax"] = "100",
        ["Strategies:0:SellRsiMin"] = "0",
        ["Strategies:1:Name"] = "donchian",
        ["Strategies:1:Type"] = "DonchianBreakout",
    };

    private readonly List<Candle> _candles = KlineCsvReader.ReadFile(TestCandles.PathOf(File), Key.Symbol, Key.Interval).ToList();
    private InProcessApp _app = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(StrategySettings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = TestCandles.PathOf(File),
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:Backfill"] = "00:00:00",
            ["MarketData:Replay:UpdatesPerCandle"] = "2",
            ["MarketData:BufferCapacity"] = "300",
            ["Archive:FlushInterval"] = "00:00:01",
        };
        _app = new InProcessApp(settings);
        await _app.StartAsync();
        var market = _app.Services.GetRequiredService<StreamDirectory>();
        var last = _candles[^1].OpenTime;
        await Eventually.WaitAsync(() => market.Contains(Key) && market.Snapshot(Key).Views.All(v => v.Evaluations is [.., var e] && e.Candle.OpenTime == last),
            TimeSpan.FromSeconds(120), () => market.Contains(Key) ? $"replayed up to {market.Snapshot(Key).Latest?.Candle.OpenTime}, not {last}" : "no stream yet");
        _app.Services.GetRequiredService<LedgerRecorder>().WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue("the ledger is written");
        (await _app.Services.GetRequiredService<CandleArchive>().FlushAsync()).Should().BeTrue("the candles are archived");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("busy")]
    [InlineData("donchian")]
    public async Task The_stream_at_a_closed_candle_is_the_backtest_to_the_next_candle_on_the_same_file(string strategy)
    {
        var whole = Reference(strategy, _candles.Count);
        whole.Fills.Should().HaveCountGreaterThan(StreamRewind.FillCount / 5, "the comparison needs trades");
        var fill = whole.Fills[whole.Fills.Count / 2];
        var atFill = _candles.FindIndex(c => c.OpenTime == fill.CandleOpenTime);
        // Early (read from the archive), right at a fill and the candle before it, in the buffer, and the last candle.
        foreach (var index in new[] { 120, atFill - 1, atFill, _candles.Count - 40, _candles.Count - 1 })
        {
            var candle = _candles[index];
            var (cash, quantity, equity, fills) = Backtest(strategy, candle.OpenTime + 60_000);
            fills.Should().Be(Reference(strategy, index + 1).Fills.Count, "the command line and the backtester agree");
            var expectedFills = Reference(strategy, index + 1).Fills.TakeLast(StreamRewind.FillCount)
                .Select(f => (f.CandleOpenTime, f.Side.Token(), f.Price, f.Quantity, f.Fee, f.Reason.Token(), f.CashAfter, f.QuantityAfter)).ToList();

            // At the candle's open, and at its last millisecond: the same closed candle.
            foreach (var time in new[] { candle.OpenTime, candle.CloseTime })
            {
                using var response = await _app.Client.GetAsync($"{Stream}/at?time={time}&strategy={strategy}");
                response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var at = json.RootElement;
                var because = $"{strategy} at candle {index} ({time})";
                at.GetProperty("as_of").GetInt64().Should().Be(candle.OpenTime, because);
                at.GetProperty("account_as_of").GetInt64().Should().Be(candle.OpenTime, $"{because}: the ledger has every candle of a replay from a fresh account");
                at.GetProperty("cash").GetDecimal().Should().Be(cash, because);
                at.GetProperty("quantity").GetDecimal().Should().Be(quantity, because);
                at.GetProperty("equity").GetDecimal().Should().Be(equity, because);
                var got = at.GetProperty("fills").EnumerateArray().Select(f => (f.GetProperty("open_time").GetInt64(), f.GetProperty("side").GetString()!,
                    f.GetProperty("price").GetDecimal(), f.GetProperty("quantity").GetDecimal(), f.GetProperty("fee").GetDecimal(),
                    f.GetProperty("reason").GetString()!, f.GetProperty("cash_after").GetDecimal(), f.GetProperty("quantity_after").GetDecimal())).ToList();
                got.Should().Equal(expectedFills, because).And.NotBeEmpty(because);
                at.GetProperty("action").GetString().Should().Be(index == atFill ? fill.Side.Token() : "HOLD", because);
            }
        }
    }

    /// <summary><c>backtest --strategy --to</c> as a user runs it on the file: final cash, quantity, equity and fill count.</summary>
    private (decimal Cash, decimal Quantity, decimal Equity, int Fills) Backtest(string strategy, long to)
    {
        var arguments = new List<string>
        {
            "--input", TestCandles.PathOf(File), "--strategy", strategy, "--format", "json",
            "--to", DateTimeOffset.FromUnixTimeMilliseconds(to).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        arguments.AddRange(StrategySettings.Select(s => $"--{s.Key}={s.Value}"));
        var (output, error) = (new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture));
        BacktestCommand.Run(arguments, output, error).Should().Be(0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var report = json.RootElement;
        return (report.GetProperty("finalCash").GetDecimal(), report.GetProperty("finalQuantity").GetDecimal(),
            report.GetProperty("statistics").GetProperty("finalEquity").GetDecimal(), report.GetProperty("statistics").GetProperty("fills").GetInt32());
    }

    /// <summary>The backtester over the file's first <paramref name="count"/> candles with the app's setup of the strategy.</summary>
    private BacktestSummary Reference(string strategy, int count)
    {
        var setup = _app.Services.GetRequiredService<StreamDirectory>().StrategiesOf(Key).Single(s => s.Name == strategy);
        return Backtester.Run(Key, EngineSettings.For(setup, new TradingOptions(), 1_000), _candles.Take(count));
    }
}
