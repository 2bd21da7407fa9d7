namespace CryptoStreamLab.Tests.Core.Indicators;

/// <summary>Every streaming indicator against its TA-Lib batch definition, candle by candle over the shipped LTCUSDT month.</summary>
public class IndicatorReferenceTests
{
    /// <summary>
    /// Relative to the value, with a floor of 1 for values near zero (a MACD histogram crosses zero, %K touches it),
    /// where a relative error means nothing: both sides then still agree to 10⁻⁹ of a price around 60.
    /// </summary>
    private const double Tolerance = 1e-9;

    private static readonly LtcMonth Month = LtcMonth.Data;

    [Theory]
    [MemberData(nameof(IndicatorProbe.Names), MemberType = typeof(IndicatorProbe))]
    public void Equals_the_TaLib_reference_from_exactly_its_warm_up_on(string name)
    {
        var (create, reference) = IndicatorProbe.Cases[name];
        var probe = create();
        var expected = reference(Month);
        var defined = 0;
        for (var i = 0; i < Month.Count; i++)
        {
            probe.Update(Month.High[i], Month.Low[i], Month.Close[i]);
            var actual = probe.Values();
            var inputs = i + 1;
            actual.All(double.IsFinite).Should().Be(inputs >= probe.WarmUpPeriod, $"every output is defined from input {probe.WarmUpPeriod} on (now {inputs})");
            probe.IsReady().Should().Be(double.IsFinite(actual[0]), $"IsReady says whether the first output is defined (input {inputs})");
            for (var o = 0; o < actual.Length; o++)
            {
                var want = expected[o][i];
                if (double.IsNaN(want))
                {
                    double.IsNaN(actual[o]).Should().BeTrue($"output {o} is not defined yet at input {inputs}");
                    continue;
                }

                defined++;
                Math.Abs(actual[o] - want).Should().BeLessThanOrEqualTo(Tolerance * Math.Max(Math.Abs(want), 1),
                    $"output {o} at input {inputs} should be {want:R}, is {actual[o]:R}");
            }
        }

        defined.Should().BeGreaterThan(Month.Count - 300);
    }

    [Theory]
    [MemberData(nameof(IndicatorProbe.Names), MemberType = typeof(IndicatorProbe))]
    public void Preview_is_exactly_what_update_then_gives_and_changes_nothing(string name)
    {
        var probe = IndicatorProbe.Cases[name].Create();
        for (var i = 0; i < Month.Count; i++)
        {
            var (high, low, close) = (Month.High[i], Month.Low[i], Month.Close[i]);
            var before = probe.Values();
            var preview = probe.Preview(high, low, close);
            probe.Preview(high * 1.01, low * 0.99, close * 1.005); // another price of the open candle, also forgotten
            probe.Preview(high, low, close).Should().Equal(preview, $"a preview changes nothing (input {i + 1})");
            probe.Values().Should().Equal(before);
            probe.Preview(double.NaN, double.NaN, double.NaN).Should().Equal(before, "a NaN preview is the current value");

            probe.Update(high, low, close);
            probe.Values().Should().Equal(preview, $"the update gives what the preview said (input {i + 1})");
        }
    }

    [Theory]
    [MemberData(nameof(IndicatorProbe.Names), MemberType = typeof(IndicatorProbe))]
    public void A_NaN_input_is_ignored_and_does_not_count_toward_the_warm_up(string name)
    {
        var (create, _) = IndicatorProbe.Cases[name];
        var plain = create();
        var gappy = create();
        for (var i = 0; i < 600; i++)
        {
            var (high, low, close) = (Month.High[i], Month.Low[i], Month.Close[i]);
            if (i % 3 == 0) gappy.Update(double.NaN, double.NaN, double.NaN);
            if (gappy.ReadsHighLowClose)
            {
                // A candle with any NaN price is a gap too.
                if (i % 5 == 0) gappy.Update(high, low, double.NaN);
                if (i % 7 == 0) gappy.Update(double.NaN, low, close);
                if (i % 11 == 0) gappy.Update(high, double.NaN, close);
            }

            plain.Update(high, low, close);
            gappy.Update(high, low, close);
            gappy.Values().Should().Equal(plain.Values(), $"after input {i + 1}");
            gappy.IsReady().Should().Be(plain.IsReady());
        }
    }
}
