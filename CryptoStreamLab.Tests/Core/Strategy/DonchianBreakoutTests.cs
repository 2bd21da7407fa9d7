using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using static CryptoStreamLab.Tests.Core.Strategy.StrategyRun;

namespace CryptoStreamLab.Tests.Core.Strategy;

public class DonchianBreakoutTests
{
    // 20 candles ranging 9 … 11 around 10.
    private static List<Candle> Range() => Enumerable.Range(0, 20).Select(i => Bar(i, 10m, high: 11m, low: 9m)).ToList();

    [Fact]
    public void Buys_a_close_above_the_previous_20_highs_and_sells_a_close_below_the_previous_10_lows()
    {
        var candles = Range();
        candles.Add(Bar(20, 11.5m, high: 12m, low: 10m)); // above 11, the previous 20 candles' high: BUY
        candles.Add(Bar(21, 11.8m, high: 11.9m, low: 11m)); // below 12, the high now including candle 20: HOLD
        candles.Add(Bar(22, 8.5m, high: 11m, low: 8m)); // below 9, the previous 10 candles' low: SELL
        var run = Run(new DonchianBreakout(new DonchianBreakoutParameters()), candles);

        Signals(run).Should().Equal((20, Signal.Buy), (22, Signal.Sell));
        run[20].Decision.Reason.Should().Be("Close above the entry channel");
        run[22].Decision.Reason.Should().Be("Close below the exit channel");
        (run[20].Series[DonchianBreakout.UpperSlot], run[20].Series[DonchianBreakout.LowerSlot]).Should().Be((11d, 9d),
            "the channel drawn on a candle is the one it was compared with");
        run[21].Series[DonchianBreakout.UpperSlot].Should().Be(12);
    }

    [Fact]
    public void The_channel_excludes_the_current_candle_and_a_close_on_the_line_is_no_breakout()
    {
        var candles = Range();
        candles.Add(Bar(20, 11m, high: 11.5m, low: 10m)); // equal to the previous high: HOLD, though its own high is higher
        candles.Add(Bar(21, 11.6m, high: 11.6m, low: 11m)); // above 11.5 (candle 20's high): BUY
        var run = Run(new DonchianBreakout(new DonchianBreakoutParameters()), candles);

        Signals(run).Should().Equal((21, Signal.Buy));
    }

    [Fact]
    public void Holds_until_the_previous_candles_are_in()
    {
        var strategy = new DonchianBreakout(new DonchianBreakoutParameters { EntryPeriod = 3, ExitPeriod = 2 });
        strategy.WarmUpPeriod.Should().Be(3);
        var run = Run(strategy, [Bar(0, 10m), Bar(1, 5m), Bar(2, 20m), Bar(3, 25m), Bar(4, 1m)]);

        // Candle 1 has one previous candle (the exit needs 2); candle 2 has 2 (exit ready: 20 is not below 5); candle 3 has 3.
        Signals(run).Should().Equal((3, Signal.Buy), (4, Signal.Sell));
    }
}
