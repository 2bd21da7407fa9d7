using CryptoStreamLab.Core.Strategy;
using static CryptoStreamLab.Tests.Core.Strategy.StrategyRun;

namespace CryptoStreamLab.Tests.Core.Strategy;

public class BollingerReversionTests
{
    [Fact]
    public void Buys_a_close_below_the_lower_band_and_sells_a_close_above_the_middle_band()
    {
        // 20 flat closes collapse the bands on 10. Then 9: mean 9.95, σ ≈ 0.218, lower ≈ 9.51 → BUY. Then 9.8: mean 9.94,
        // σ 0.22, lower 9.5 → inside, HOLD. Then 10.2: mean 9.95 → above the middle, SELL.
        var closes = Enumerable.Repeat(10m, 20).Concat([9m, 9.8m, 10.2m]);
        var run = Run(new BollingerReversion(new BollingerReversionParameters()), Closes(closes));

        Signals(run).Should().Equal((20, Signal.Buy), (22, Signal.Sell));
        run[20].Decision.Reason.Should().Be("Close below the lower band");
        run[22].Decision.Reason.Should().Be("Close above the middle band");
        double.IsNaN(run[18].Series[BollingerReversion.MiddleSlot]).Should().BeTrue("20 closes fill the window");
        run[19].Series[BollingerReversion.UpperSlot].Should().Be(10);
        run[22].Series[BollingerReversion.MiddleSlot].Should().BeApproximately(9.95, 1e-12);
    }

    [Fact]
    public void Declares_its_bands_and_warm_up()
    {
        var strategy = new BollingerReversion(new BollingerReversionParameters { Period = 30, Deviations = 2.5 });
        strategy.WarmUpPeriod.Should().Be(29, "the first decided candle's window holds the 29 closes before it");
        strategy.Series.Select(s => s.Name).Should().Equal("BB 30, 2.5 upper", "BB 30, 2.5 middle", "BB 30, 2.5 lower");
        strategy.Series.Should().OnlyContain(s => s.Pane == SeriesPane.Overlay);
    }
}
