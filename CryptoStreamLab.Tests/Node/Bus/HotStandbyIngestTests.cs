using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>
/// Two ingest nodes following the same symbol publish every kline update twice, the second copy late. Through the real
/// topic and consumer, each update shows once downstream and the stream never moves backwards.
/// </summary>
public sealed class HotStandbyIngestTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    /// <summary>Three open updates and the close of each candle, with Binance-like event times that rise with every update.</summary>
    private static List<(Candle Candle, long EventTime)> Updates(int candles)
    {
        var updates = new List<(Candle, long)>();
        foreach (var final in TestCandles.Series("BTCUSDT", candles))
        {
            for (var k = 1; k <= 4; k++)
            {
                var update = k == 4 ? final : ReplayUpdates.Partial(final, k, 4);
                updates.Add((update, final.OpenTime + k * 15_000L - 1));
            }
        }
        return updates;
    }

    [Fact]
    public async Task A_late_second_copy_of_every_update_is_ignored_and_the_stream_never_moves_backwards()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>
        {
            // The app follows BTCUSDT 1m; its own feed points where nothing answers, so the test's updates are the only ones.
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = "BTCUSDT",
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
        });
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        var market = app.Services.GetRequiredService<StreamDirectory>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");

        var seen = new List<(long OpenTime, decimal Close, bool Closed)>();
        using var _ = market.Subscribe(Btc, _ =>
        {
            var newest = market.Snapshot(Btc).Candles[^1];
            lock (seen) seen.Add((newest.OpenTime, newest.Close, newest.IsClosed));
        });

        // Node A publishes each update as it comes; node B publishes the same update two updates later.
        var updates = Updates(10);
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        for (var i = 0; i < updates.Count + 2; i++)
        {
            if (i < updates.Count) await publisher.PublishAsync(updates[i].Candle, updates[i].EventTime, CancellationToken.None);
            if (i >= 2) await publisher.PublishAsync(updates[i - 2].Candle, updates[i - 2].EventTime, CancellationToken.None);
        }
        await Eventually.WaitAsync(() => status.Snapshot().Consumed >= 2 * updates.Count, TimeSpan.FromSeconds(20),
            () => $"consumed {status.Snapshot().Consumed} of {2 * updates.Count}");

        lock (seen) seen.Should().Equal(updates.Select(u => (u.Candle.OpenTime, u.Candle.Close, u.Candle.IsClosed)),
            "every update shows once, in order: no late copy moves the open candle back");
        var counts = status.Snapshot();
        counts.Applied.Should().Be(updates.Count);
        (counts.Stale + counts.Unchanged).Should().Be(updates.Count, "every second copy is recognised as one");
        counts.Stale.Should().BePositive("late copies of open updates are older than what the stream shows");
        counts.Rejected.Should().Be(0, "a late copy is no contradiction");
        market.Snapshot(Btc).Candles.Should().Equal(TestCandles.Series("BTCUSDT", 10));
    }
}
