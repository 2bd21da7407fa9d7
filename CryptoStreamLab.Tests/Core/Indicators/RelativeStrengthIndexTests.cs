using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;

namespace CryptoStreamLab.Tests.Core.Indicators;

public class RelativeStrengthIndexTests
{
    // The 14-period worked example published by StockCharts (ChartSchool, "Relative Strength Index"),
    // computed with Wilder's smoothing: closes, and the RSI from the 15th close on, to two decimals.
    private static readonly decimal[] WilderCloses =
    [
        44.3389m, 44.0902m, 44.1497m, 43.6124m, 44.3278m, 44.8264m, 45.0955m, 45.4245m, 45.8433m, 46.0826m, 45.8931m, 46.0328m,
        45.6140m, 46.2820m, 46.2820m, 46.0028m, 46.0328m, 46.4116m, 46.2222m, 45.6439m, 46.2122m, 46.2521m, 45.7137m, 46.4515m,
        45.7835m, 45.3548m, 44.0288m, 44.1783m, 44.2181m, 44.5672m, 43.4205m, 42.6628m, 43.1314m,
    ];

    private static readonly double[] WilderRsi =
    [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46,
        37.30, 33.08, 37.77,
    ];

    [Fact]
    public void Wilder_matches_the_published_reference_series()
    {
        var rsi = new RelativeStrengthIndex(14, RsiMethod.Wilder);
        var values = new List<double>();
        foreach (var close in WilderCloses)
        {
            rsi.Update(close);
            if (rsi.IsReady) values.Add(rsi.Value);
        }

        values.Should().HaveCount(WilderRsi.Length);
        for (var i = 0; i < values.Count; i++) values[i].Should().BeApproximately(WilderRsi[i], 0.005, $"RSI #{i + 15}");
    }

    [Theory]
    [InlineData(RsiMethod.Simple)]
    [InlineData(RsiMethod.Wilder)]
    public void Is_ready_after_period_plus_one_closes(RsiMethod method)
    {
        var rsi = new RelativeStrengthIndex(3, method);
        rsi.WarmUpPeriod.Should().Be(4);
        foreach (var close in new decimal[] { 10, 11, 10 })
        {
            rsi.Update(close);
            rsi.IsReady.Should().BeFalse();
            double.IsNaN(rsi.Value).Should().BeTrue();
        }

        rsi.Update(12);
        rsi.IsReady.Should().BeTrue();
        // Gains 1, 0, 2 and losses 0, 1, 0: both methods start from the same simple averages.
        rsi.Value.Should().BeApproximately(100 - 100 / (1 + 3d / 1d), 1e-12);
    }

    [Fact]
    public void Simple_is_the_plain_average_of_the_last_n_gains_and_losses()
    {
        var closes = new decimal[] { 10, 11, 10, 12, 11, 15, 14 };
        var rsi = new RelativeStrengthIndex(3, RsiMethod.Simple);
        foreach (var close in closes) rsi.Update(close);

        // Last three changes: +4, −1 … from 12→11 (−1), 11→15 (+4), 15→14 (−1).
        var expected = 100 - 100 / (1 + (4d / 3) / (2d / 3));
        rsi.Value.Should().BeApproximately(expected, 1e-12);
    }

    [Theory]
    [InlineData(RsiMethod.Simple)]
    [InlineData(RsiMethod.Wilder)]
    public void Is_100_when_the_average_loss_is_zero(RsiMethod method)
    {
        var rsi = new RelativeStrengthIndex(3, method);
        foreach (var close in new decimal[] { 1, 2, 3, 4, 5 }) rsi.Update(close);
        rsi.Value.Should().Be(100);

        var flat = new RelativeStrengthIndex(3, method);
        foreach (var close in new decimal[] { 5, 5, 5, 5 }) flat.Update(close);
        flat.Value.Should().Be(100, "no loss at all means no selling pressure, even without gains");
    }

    [Theory]
    [InlineData(RsiMethod.Simple)]
    [InlineData(RsiMethod.Wilder)]
    public void Preview_equals_what_update_would_give_and_changes_nothing(RsiMethod method)
    {
        var closes = new[] { 44m, 44.5m, 43.9m, 44.2m, 45m, 44.8m, 45.3m, 44.1m, 44.9m, 46m, 45.2m, 45.8m };
        var rsi = new RelativeStrengthIndex(5, method);
        var twin = new RelativeStrengthIndex(5, method);
        foreach (var close in closes)
        {
            var before = rsi.Value;
            var previews = Enumerable.Range(0, 3).Select(_ => rsi.Preview(close)).ToList();
            rsi.Value.Should().Be(before, "previews must not move committed state");
            twin.Update(close);
            rsi.Update(close);
            rsi.Value.Should().Be(twin.Value, "an RSI that was previewed commits exactly what one never previewed does");
            previews.Should().AllSatisfy(p => (double.IsNaN(p) ? double.NaN : p).Should().Be(rsi.Value));
        }
    }

    [Fact]
    public void Reset_forgets_the_last_close_and_the_averages()
    {
        var rsi = new RelativeStrengthIndex(2, RsiMethod.Wilder);
        foreach (var close in new decimal[] { 1, 3, 2, 5 }) rsi.Update(close);
        rsi.Reset();
        rsi.IsReady.Should().BeFalse();
        foreach (var close in new decimal[] { 10, 9, 8 }) rsi.Update(close);
        rsi.Value.Should().Be(0);
    }
}
