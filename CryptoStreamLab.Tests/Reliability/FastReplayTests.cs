using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// The real app as a process replays a month at full speed with several updates per candle: about 200,000 messages on one
/// partition, far more than the embedded broker keeps per partition. The publisher waits for the consumer rather than outrun
/// the broker's log, so every message is applied once and the account ends where a backtest of the file ends.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class FastReplayTests : IDisposable
{
    private const int UpdatesPerCandle = 5;
    private readonly string _dir = Directory.CreateTempSubdirectory("fast-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_replay_at_full_speed_larger_than_the_brokers_log_loses_no_candle_and_ends_where_a_backtest_does()
    {
        var file = TestCandles.PathOf(TestCandles.NearMonthFile);
        var candles = KlineCsvReader.ReadFile(file, "NEARUSDT", KlineInterval.OneMinute).ToList();
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = file,
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:Backfill"] = "00:00:00",
            ["MarketData:Replay:UpdatesPerCandle"] = UpdatesPerCandle.ToString(CultureInfo.InvariantCulture),
            ["Storage:Path"] = _dir,
            ["Archive:Path"] = Path.Combine(_dir, "archive"),
            // The archive flushing every second slows the consumer, as in the run that lost candles.
            ["Archive:FlushInterval"] = "00:00:01",
            ["Strategy:FastPeriod"] = "5",
            ["Strategy:SlowPeriod"] = "15",
            ["Strategy:BuyRsiMin"] = "0",
            ["Strategy:BuyRsiMax"] = "100",
            ["Strategy:SellRsiMin"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        long expected = (long)candles.Count * UpdatesPerCandle;
        var final = await app.WaitForStatusAsync(s => s.GetProperty("source").GetProperty("state").GetString() == "finished" &&
                Kafka(s).GetProperty("lag").GetInt64() == 0 &&
                (Kafka(s).GetProperty("consumed").GetInt64() >= s.GetProperty("source").GetProperty("published").GetInt64() ||
                 Kafka(s).GetProperty("skippedMessages").GetInt64() > 0),
            TimeSpan.FromSeconds(240), "the replay to be published and consumed");

        expected.Should().BeGreaterThan(150_000, "more messages than the embedded broker keeps on the stream's partition");
        var published = final.GetProperty("source").GetProperty("published").GetInt64();
        published.Should().BeGreaterThanOrEqualTo(expected);
        Kafka(final).GetProperty("consumed").GetInt64().Should().Be(published, "every message was read, once");
        Kafka(final).GetProperty("skippedMessages").GetInt64().Should().Be(0, Kafka(final).GetProperty("lastSkip").ToString());
        Kafka(final).GetProperty("offsetResets").GetInt64().Should().Be(0);
        Kafka(final).GetProperty("publishWaits").GetInt64().Should().BePositive("the replay outran the consumer and was held back");

        var backtest = Backtester.Run(new StreamKey("NEARUSDT", KlineInterval.OneMinute),
            new EngineSettings(new StrategyOptions { FastPeriod = 5, SlowPeriod = 15, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 }, new TradingOptions()),
            candles);
        using var json = JsonDocument.Parse(await app.Http.GetStringAsync("/api/v1/streams/NEARUSDT/1m"));
        var stream = json.RootElement;
        stream.GetProperty("fills").GetInt32().Should().Be(backtest.Fills.Count).And.BePositive();
        (stream.GetProperty("cash").GetDecimal(), stream.GetProperty("position").GetDecimal())
            .Should().Be((backtest.FinalCash, backtest.FinalQuantity), "the account ends where a backtest of the file ends");
    }

    private static JsonElement Kafka(JsonElement status) => status.GetProperty("kafka");
}
