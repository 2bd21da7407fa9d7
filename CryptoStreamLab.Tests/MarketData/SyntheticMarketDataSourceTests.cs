using System.Diagnostics;
using CryptoStreamLab.Web.MarketData;

namespace CryptoStreamLab.Tests.MarketData;

public sealed class SyntheticMarketDataSourceTests
{
    [Fact]
    public async Task Generates_valid_random_walk_candles_for_every_symbol_at_the_configured_rate()
    {
        await using var harness = new MarketDataHarness(new()
        {
            ["MarketData:Source"] = "Synthetic",
            ["MarketData:Intervals:0"] = "1s",
            ["MarketData:Synthetic:SymbolCount"] = "3",
            ["MarketData:Synthetic:UpdatesPerSecond"] = "400",
        });
        var clock = Stopwatch.StartNew();

        harness.StartSource(MarketDataSourceKind.Synthetic);
        await MarketDataTestWaits.Until(() => harness.Publisher.ClosedCandles.Count >= 6, "two closed candles per symbol");
        await Task.Delay(500);
        var elapsed = clock.Elapsed.TotalSeconds;

        var candles = harness.Publisher.Candles;
        candles.Select(c => c.Symbol).Distinct().Should().BeEquivalentTo("SYN001USDT", "SYN002USDT", "SYN003USDT");
        candles.Should().OnlyContain(c => c.Validate() == null && c.OpenTime % 1000 == 0 && c.CloseTime == c.OpenTime + 999);
        var updates = candles.Count(c => !c.IsClosed);
        updates.Should().BeInRange((int)(400 * elapsed * 0.5), (int)(400 * elapsed * 1.1));
        foreach (var stream in harness.Publisher.ClosedCandles.GroupBy(c => c.Symbol))
            stream.Select(c => c.OpenTime).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        harness.Status.Snapshot().Should().Match<MarketDataStatusSnapshot>(s => s.Source == "Synthetic" && s.Connected && s.Published >= candles.Count);
    }
}

internal static class MarketDataTestWaits
{
    public static Task Until(Func<bool> condition, string what, int seconds = 10) =>
        BinanceMarketDataSourceTests.WaitUntil(condition, what, seconds);
}
