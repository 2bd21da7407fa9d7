using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Tests.Core.Indicators;
using static CryptoStreamLab.Tests.Core.Strategy.StrategyRun;

namespace CryptoStreamLab.Tests.Core.Strategy;

public class MacdTrendTests
{
    // Flat, then down, up and down again by 0.5 a candle, 15 candles each way.
    private static readonly decimal[] Zigzag =
    [
        .. Enumerable.Repeat(100m, 60),
        .. Enumerable.Range(1, 15).Select(i => 100m - i * 0.5m),
        .. Enumerable.Range(1, 15).Select(i => 92.5m + i * 0.5m),
        .. Enumerable.Range(1, 15).Select(i => 100m - i * 0.5m),
    ];

    [Fact]
    public void Buys_when_the_line_crosses_above_the_signal_and_sells_when_it_crosses_below()
    {
        var run = Run(new MacdTrend(new MacdTrendParameters()), Closes(Zigzag));

        // The histogram of TA-Lib's MACD(12, 26, 9) turns positive within a few candles of the rise (from candle 75) and
        // negative within a few of the fall (from candle 90).
        var histogram = TaLibReference.Macd(Zigzag.Select(c => (double)c).ToArray(), 12, 26, 9).Histogram;
        var up = Enumerable.Range(76, 14).First(i => histogram[i - 1] < 0 && histogram[i] > 0);
        var down = Enumerable.Range(91, 14).First(i => histogram[i - 1] > 0 && histogram[i] < 0);
        up.Should().BeLessThan(83);
        down.Should().BeLessThan(98);

        Signals(run).Should().Equal((up, Signal.Buy), (down, Signal.Sell));
        run[up].Decision.Reason.Should().Be("MACD crossed above its signal");
        run[down].Decision.Reason.Should().Be("MACD crossed below its signal");
        run[up].Series[MacdTrend.HistogramSlot].Should().BeApproximately(histogram[up], 1e-12);
    }

    [Fact]
    public void The_first_signal_only_sets_the_side_and_a_zero_histogram_keeps_it()
    {
        // Flat: the histogram is exactly 0 from the signal's first value on, then the fall makes it negative: no cross yet.
        var run = Run(new MacdTrend(new MacdTrendParameters()), Closes(Zigzag.Take(75)));
        Signals(run).Should().BeEmpty();
        run[33].Series[MacdTrend.HistogramSlot].Should().Be(0, "26 + 9 − 1 closes define the signal");
        double.IsNaN(run[32].Series[MacdTrend.SignalSlot]).Should().BeTrue();
    }

    [Fact]
    public void Refuses_a_fast_period_not_shorter_than_the_slow_one_and_warms_its_emas()
    {
        var refused = () => BuiltInStrategies.MacdTrend.Create(new MacdTrendParameters { FastPeriod = 26, SlowPeriod = 26 });
        refused.Should().Throw<ArgumentException>().WithMessage("FastPeriod (26) must be shorter than SlowPeriod (26).*");
        var strategy = new MacdTrend(new MacdTrendParameters());
        strategy.WarmUpPeriod.Should().Be(MacdTrend.EmaPeriods * (26 + 9));
        strategy.Series.Should().OnlyContain(s => s.Pane == SeriesPane.Panel && s.Guides!.SequenceEqual(new[] { 0d }));
    }
}
