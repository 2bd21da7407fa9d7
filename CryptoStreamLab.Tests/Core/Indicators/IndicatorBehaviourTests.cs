using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Indicators;

/// <summary>The streaming indicators' documented choices and limits, on hand-made inputs.</summary>
public class IndicatorBehaviourTests
{
    public static readonly IReadOnlyDictionary<string, Func<object>> BadConstructions = new Dictionary<string, Func<object>>
    {
        ["Sma(0)"] = () => new Sma(0),
        ["Ema(0)"] = () => new Ema(0),
        ["Rsi(0, Wilder)"] = () => new Rsi(0, RsiMethod.Wilder),
        ["Rsi(14, unknown method)"] = () => new Rsi(14, (RsiMethod)7),
        ["Macd(0, 26, 9)"] = () => new Macd(0, 26, 9),
        ["Macd(26, 26, 9)"] = () => new Macd(26, 26, 9),
        ["Macd(27, 26, 9)"] = () => new Macd(27, 26, 9),
        ["Macd(12, 26, 0)"] = () => new Macd(12, 26, 0),
        ["BollingerBands(0, 2)"] = () => new BollingerBands(0, 2),
        ["BollingerBands(20, -1)"] = () => new BollingerBands(20, -1),
        ["BollingerBands(20, NaN)"] = () => new BollingerBands(20, double.NaN),
        ["BollingerBands(20, ∞)"] = () => new BollingerBands(20, double.PositiveInfinity),
        ["Atr(0)"] = () => new Atr(0),
        ["StochasticK(0)"] = () => new StochasticK(0),
        ["StochasticD(0, 3)"] = () => new StochasticD(0, 3),
        ["StochasticD(14, 0)"] = () => new StochasticD(14, 0),
        ["Highest(0)"] = () => new Highest(0),
        ["Lowest(-1)"] = () => new Lowest(-1),
    };

    public static TheoryData<string> BadConstructionNames() => new(BadConstructions.Keys);

    [Theory]
    [MemberData(nameof(BadConstructionNames))]
    public void Constructors_refuse_unusable_arguments(string construction) =>
        BadConstructions[construction].Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void Updates_and_previews_allocate_nothing()
    {
        var month = LtcMonth.Data;
        var sma = new Sma(20);
        var ema = new Ema(20);
        var wilder = new Rsi(14, RsiMethod.Wilder);
        var simple = new Rsi(14, RsiMethod.Simple);
        var macd = new Macd(12, 26, 9);
        var bands = new BollingerBands(20, 2);
        var atr = new Atr(14);
        var k = new StochasticK(14);
        var d = new StochasticD(14, 3);
        var highest = new Highest(20);
        var lowest = new Lowest(20);

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var (h, l, c) = (month.High[i], month.Low[i], month.Close[i]);
                _ = sma.Preview(c) + ema.Preview(c) + wilder.Preview(c) + simple.Preview(c) + macd.Preview(c).Histogram +
                    bands.Preview(c).Upper + atr.Preview(h, l, c) + k.Preview(h, l, c) + d.Preview(h, l, c) + highest.Preview(h) + lowest.Preview(l);
                sma.Update(c);
                ema.Update(c);
                wilder.Update(c);
                simple.Update(c);
                macd.Update(c);
                bands.Update(c);
                atr.Update(h, l, c);
                k.Update(h, l, c);
                d.Update(h, l, c);
                highest.Update(h);
                lowest.Update(l);
            }
        }

        Run(0, 1_000); // warm up, and compile every path
        var allocated = Allocations.ThreePasses(Run, 1_000, month.Count);
        allocated.Min().Should().Be(0, $"passes allocated {string.Join(", ", allocated)} bytes");
        double.IsFinite(macd.Histogram + bands.Lower + d.Value).Should().BeTrue();
    }

    [Theory]
    [InlineData(RsiMethod.Wilder)]
    [InlineData(RsiMethod.Simple)]
    public void Rsi_is_100_without_losses_even_in_a_flat_window_and_0_without_gains(RsiMethod method)
    {
        var rsi = new Rsi(3, method);
        foreach (var x in new[] { 5d, 5, 5 }) rsi.Update(x);
        rsi.IsReady.Should().BeFalse("3 changes need 4 inputs");
        rsi.Preview(5).Should().Be(100, "a flat window has no loss (TA-Lib would say 0)");
        rsi.Update(5);
        rsi.Value.Should().Be(100);

        var rising = new Rsi(3, method);
        foreach (var x in new[] { 1d, 2, 2, 3 }) rising.Update(x);
        rising.Value.Should().Be(100);

        var falling = new Rsi(3, method);
        foreach (var x in new[] { 3d, 2, 2, 1 }) falling.Update(x);
        falling.Value.Should().Be(0);
    }

    [Fact]
    public void Simple_rsi_sums_are_exactly_zero_once_the_last_loss_leaves_the_window()
    {
        // Rounding residue of the long history before must not survive: the window's losses are none, so RSI is 100.
        var rsi = new Rsi(4, RsiMethod.Simple);
        var month = LtcMonth.Data;
        for (var i = 0; i < 5_000; i++) rsi.Update(month.Close[i]);
        var last = month.Close[4_999];
        foreach (var step in new[] { 0.01, 0.03, 0, 0.07 }) rsi.Update(last += step);
        rsi.Value.Should().Be(100);
        foreach (var step in new[] { -0.01, 0, -0.11, -0.07 }) rsi.Update(last += step);
        rsi.Value.Should().Be(0);
    }

    [Fact]
    public void Stochastic_k_is_0_when_the_range_is_zero()
    {
        var k = new StochasticK(3);
        var d = new StochasticD(3, 2);
        for (var i = 0; i < 4; i++)
        {
            k.Update(7, 7, 7);
            d.Update(7, 7, 7);
        }

        k.Value.Should().Be(0);
        d.Value.Should().Be(0);
        k.Preview(8, 6, 7).Should().Be(50);
    }

    [Fact]
    public void Macd_seeds_the_fast_ema_aligned_with_the_slow_one()
    {
        // Fast 2, slow 4: both are first defined at the 4th input; the fast one is the mean of inputs 3 and 4, not an
        // EMA run from inputs 1 and 2 (which would be 6.11…).
        var macd = new Macd(2, 4, 2);
        foreach (var x in new[] { 1d, 5, 2 })
        {
            macd.Update(x);
            double.IsNaN(macd.Line).Should().BeTrue();
        }

        macd.Update(8);
        macd.IsReady.Should().BeTrue();
        macd.IsSignalReady.Should().BeFalse();
        macd.Line.Should().Be(5d - 4d);
        double.IsNaN(macd.Signal).Should().BeTrue();
        double.IsNaN(macd.Histogram).Should().BeTrue();
        macd.WarmUpPeriod.Should().Be(5);

        macd.Update(2);
        // fast: 5 + 2/3 (2 − 5) = 3; slow: 4 + 2/5 (2 − 4) = 3.2; line −0.2; signal = mean(1, −0.2) = 0.4.
        macd.IsSignalReady.Should().BeTrue();
        macd.Line.Should().BeApproximately(-0.2, 1e-15);
        macd.Signal.Should().BeApproximately(0.4, 1e-15);
        macd.Histogram.Should().BeApproximately(-0.6, 1e-15);
    }

    [Fact]
    public void Rolling_sums_are_compensated_so_a_huge_value_leaving_the_window_leaves_no_error()
    {
        // A plain double sum loses the 1 beside 10¹⁶ and would then average the window (1, 1) as 0.5.
        var sma = new Sma(2);
        var bands = new BollingerBands(2, 1);
        foreach (var x in new[] { 1e16, 1, 1 })
        {
            sma.Update(x);
            bands.Update(x);
        }

        sma.Value.Should().Be(1);
        bands.Point.Should().Be(new BandPoint(1, 1, 1));
    }

    [Fact]
    public void Bollinger_bands_of_a_flat_window_close_on_the_price()
    {
        var bands = new BollingerBands(20, 2);
        for (var i = 0; i < 500; i++) bands.Update(55.17 + (i % 7) * 0.01);
        for (var i = 0; i < 20; i++) bands.Update(55.17);
        (bands.Upper - bands.Lower).Should().BeLessThan(1e-12, "a one-pass E[x²] − mean² can leave about 10⁻⁶ here");
        bands.Middle.Should().BeApproximately(55.17, 1e-12);
    }

    [Fact]
    public void Highest_and_lowest_include_the_current_input()
    {
        var highest = new Highest(3);
        var lowest = new Lowest(3);
        foreach (var x in new[] { 5d, 1, 2 })
        {
            highest.Update(x);
            lowest.Update(x);
        }

        (highest.Value, lowest.Value).Should().Be((5d, 1d));
        highest.Preview(0).Should().Be(2, "5 leaves the window");
        highest.Preview(9).Should().Be(9);
        lowest.Preview(0).Should().Be(0);
        highest.Update(0);
        lowest.Update(0);
        (highest.Value, lowest.Value).Should().Be((2d, 0d));
    }

    [Fact]
    public void Atr_needs_a_close_before_its_first_true_range()
    {
        var atr = new Atr(2);
        atr.WarmUpPeriod.Should().Be(3);
        atr.Update(10, 8, 9);
        double.IsNaN(atr.Preview(12, 9, 11)).Should().BeTrue("one range so far");
        atr.Update(12, 9, 11); // TR = max(3, |12 − 9|, |9 − 9|) = 3
        atr.IsReady.Should().BeFalse();
        atr.Update(11, 10, 10.5); // TR = max(1, |11 − 11|, |10 − 11|) = 1
        atr.Value.Should().Be(2);
        atr.Update(20, 19, 19.5); // TR = max(1, 9.5, 8.5) = 9.5 → (2 + 9.5) / 2
        atr.Value.Should().Be(5.75);
    }
}
