using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class SyntheticMarketDataSourceTests
{
    [Fact]
    public async Task Generates_valid_random_walk_candles_for_every_symbol_at_the_configured_rate()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new SteppedTime(start);
        await using var harness = new MarketDataHarness(new()
        {
            ["MarketData:Source"] = "Synthetic",
            ["MarketData:Intervals:0"] = "1s",
            ["MarketData:Synthetic:SymbolCount"] = "3",
            ["MarketData:Synthetic:UpdatesPerSecond"] = "400",
        }, time);

        harness.StartSource(MarketDataSourceKind.Synthetic);
        // Two simulated seconds, a tenth at a time, each step once the source waits for the clock again.
        for (var step = 0; step < 20; step++) await time.AdvanceWhenWaitedOnAsync(TimeSpan.FromMilliseconds(100));
        await time.WaitedOnAsync();

        var candles = harness.Publisher.Candles;
        candles.Count(c => !c.IsClosed).Should().Be(800, "400 updates a second for two seconds, however long the machine took");
        candles.Select(c => c.Symbol).Distinct().Should().BeEquivalentTo("SYN001USDT", "SYN002USDT", "SYN003USDT");
        candles.Should().OnlyContain(c => c.Validate() == null && c.OpenTime % 1000 == 0 && c.CloseTime == c.OpenTime + 999);
        var closed = harness.Publisher.ClosedCandles;
        closed.GroupBy(c => c.Symbol).Should().HaveCount(3).And.OnlyContain(stream =>
            stream.Select(c => c.OpenTime).SequenceEqual(new[] { start.ToUnixTimeMilliseconds(), start.ToUnixTimeMilliseconds() + 1000 }), "each second's candle closes once, in order");
        harness.Status.Snapshot().Should().Match<MarketDataStatusSnapshot>(s => s.Source == "Synthetic" && s.Connected && s.Published == candles.Count);
    }
}
