namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>What a drawn trace must look like, checked against an independent computation of the same candles.</summary>
public static class ChartExpectations
{
    /// <summary>Each time after the one before it: no candle drawn twice, none out of order.</summary>
    public static void ShouldRiseStrictly(this IReadOnlyList<long> times, string what)
    {
        var problems = times.Skip(1).Select((x, i) => (x, before: times[i], i: i + 1)).Where(p => p.x <= p.before)
            .Select(p => $"x[{p.i}] = {p.x} after {p.before}");
        problems.Should().BeEmpty($"{what} must have strictly rising times");
    }

    /// <summary>
    /// A moving average over <paramref name="period"/> closes of <paramref name="candles"/>: a gap for the stream's
    /// first period − 1 candles (<paramref name="ordinal"/> counts them from the stream's start, which the chart may not
    /// show), a value for every later one, and where its whole window is drawn, the average of the closes drawn.
    /// </summary>
    /// <returns>How many values were compared with the average of the drawn closes.</returns>
    public static int ShouldAverageTheCloses(this DrawnSeries average, DrawnSeries candles, int period, Func<long, int> ordinal, string what)
    {
        average.X.Should().Equal(candles.X, $"{what} has a point for every candle drawn");
        var closes = candles.Decimals("close");
        var values = average.Y;
        var problems = new List<string>();
        var compared = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var windowFull = ordinal(candles.X[i]) >= period - 1;
            if (!windowFull)
            {
                if (values[i] is not null) problems.Add($"[{i}] = {values[i]} before the stream had {period} candles");
                continue;
            }

            if (values[i] is not { } value)
            {
                problems.Add($"[{i}] is a gap though the stream had {period} candles");
                continue;
            }

            if (i < period - 1) continue;
            var expected = (double)(closes.Skip(i - period + 1).Take(period).Sum() / period);
            compared++;
            if (Math.Abs(value - expected) > 1e-9 * Math.Abs(expected)) problems.Add($"[{i}] = {value}, the average of the drawn closes is {expected}");
        }

        problems.Should().BeEmpty($"{what} (period {period}) must be the average of the last {period} closes once there are {period}");
        return compared;
    }

    /// <summary>RSI values within 0–100, gaps only while the stream is still too short for it (<paramref name="warmUp"/> candles).</summary>
    public static void ShouldBeAnRsi(this DrawnSeries rsi, int warmUp, Func<long, int> ordinal)
    {
        var points = rsi.X.Zip(rsi.Y, (x, y) => (Ordinal: ordinal(x), Value: y)).ToArray();
        points.Where(p => p.Value is null && p.Ordinal >= warmUp - 1).Should().BeEmpty($"the RSI has a value from the stream's {warmUp}th candle on");
        points.Where(p => p.Value is not null && p.Ordinal < warmUp - 1).Should().BeEmpty($"the RSI has no value before the stream's {warmUp}th candle");
        points.Where(p => p.Value is not null).Should().NotBeEmpty("the RSI has values")
            .And.OnlyContain(p => p.Value >= 0 && p.Value <= 100, "an RSI lies between 0 and 100");
    }
}
