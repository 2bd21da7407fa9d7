using CryptoStreamLab.Core.Strategy;
using static CryptoStreamLab.Tests.Core.Strategy.StrategyRun;

namespace CryptoStreamLab.Tests.Core.Strategy;

public class Rsi2ReversalTests
{
    // An uptrend of 0.1 a candle for 200 candles (119.9 at the end).
    private static IEnumerable<decimal> Uptrend() => Enumerable.Range(0, 200).Select(i => 100m + i * 0.1m);

    [Fact]
    public void Buys_a_sharp_dip_in_an_uptrend_and_sells_the_bounce_above_the_exit_average()
    {
        // The dip to 118.9: Wilder averages gain 0.05, loss 0.5 → RSI 9.1 < 10; SMA 200 ≈ 110 below, SMA 5 119.58 above.
        // The bounce to 119.9: RSI 67.7, but the close is above SMA 5 (119.64): SELL.
        var run = Run(new Rsi2Reversal(new Rsi2ReversalParameters()), Closes(Uptrend().Concat([118.9m, 119.9m])));

        run.Take(199).Should().OnlyContain(r => r.Decision.Signal == Signal.Hold, "the 200-candle average is not ready");
        run[199].Decision.Should().Be(StrategyDecision.Sell("RSI above the sell level"), "a rise without a loss is RSI 100");
        run[200].Decision.Should().Be(StrategyDecision.Buy("RSI below the buy level in an uptrend"));
        run[200].Series[Rsi2Reversal.RsiSlot].Should().BeApproximately(100 * 0.05 / 0.55, 1e-9);
        run[201].Decision.Should().Be(StrategyDecision.Sell("Close above the exit average"));
    }

    [Fact]
    public void Does_not_buy_a_dip_below_the_trend_average()
    {
        // A downtrend to 100.1 and a sharp drop to 99: RSI 0, close under its 5-candle average, but under the 200-candle one too.
        var closes = Enumerable.Range(0, 200).Select(i => 120m - i * 0.1m).Append(99m);
        var run = Run(new Rsi2Reversal(new Rsi2ReversalParameters()), Closes(closes));

        run[200].Series[Rsi2Reversal.RsiSlot].Should().Be(0);
        run[200].Series[Rsi2Reversal.TrendSlot].Should().BeGreaterThan(99);
        run[200].Decision.Should().Be(StrategyDecision.Hold);
    }

    [Fact]
    public void Declares_its_series_and_warm_up()
    {
        var strategy = new Rsi2Reversal(new Rsi2ReversalParameters());
        strategy.WarmUpPeriod.Should().Be(199);
        new Rsi2Reversal(new Rsi2ReversalParameters { RsiPeriod = 14, TrendPeriod = 50 }).WarmUpPeriod.Should().Be(280, "20 Wilder periods");
        strategy.Series.Select(s => (s.Name, s.Pane)).Should().Equal(("MA 200", SeriesPane.Overlay), ("MA 5", SeriesPane.Overlay), ("RSI 2", SeriesPane.Panel));
        strategy.Series[2].Guides.Should().Equal(10d, 90d);
    }
}
