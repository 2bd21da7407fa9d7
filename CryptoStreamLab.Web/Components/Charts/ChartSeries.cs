using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>Slices of a snapshot for the charts, newest points only.</summary>
internal static class ChartSeries
{
    /// <summary>Committed evaluations plus the open candle's preview, so indicator lines move with the open candle.</summary>
    public static List<Evaluation> EvaluationsFrom(StreamSnapshot snapshot, long fromOpenTime)
    {
        var evaluations = snapshot.Evaluations;
        var start = evaluations.Count;
        while (start > 0 && evaluations[start - 1].Candle.OpenTime >= fromOpenTime) start--;
        var result = new List<Evaluation>(evaluations.Count - start + 1);
        for (var i = start; i < evaluations.Count; i++) result.Add(evaluations[i]);
        if (snapshot.Latest is { IsPreview: true } preview && preview.Candle.OpenTime >= fromOpenTime) result.Add(preview);
        return result;
    }

    /// <summary>The chart draws a gap for null; indicators are NaN until their window is full.</summary>
    public static double?[] Values(List<Evaluation> evaluations, Func<Evaluation, double> value) =>
        evaluations.Select(e => Finite.OrNull(value(e))).ToArray();

    /// <summary>One series of the strategy's, by its slot in <see cref="Evaluation.Series"/>.</summary>
    public static double?[] Values(List<Evaluation> evaluations, int slot) =>
        evaluations.Select(e => Finite.OrNull(e.Series[slot])).ToArray();

    /// <summary>The strategy's series drawn in <paramref name="pane"/>, each with its slot, in the strategy's order.</summary>
    public static IReadOnlyList<(int Slot, SeriesSpec Spec)> In(IReadOnlyList<SeriesSpec> series, SeriesPane pane) =>
        series.Take(SeriesValues.Capacity).Select((spec, slot) => (slot, spec)).Where(s => s.spec.Pane == pane).ToList();

    public static long[] Times(List<Evaluation> evaluations) => evaluations.Select(e => e.Candle.OpenTime).ToArray();

    /// <summary>
    /// Decimals the newest prices need (the exchange's tick, trailing zeros aside), at least 2 and at most 8: the price scale
    /// and the legend show that many.
    /// </summary>
    public static int PriceDecimals(IEnumerable<decimal> prices) =>
        Math.Clamp(prices.TakeLast(1_200).Select(p => (int)(p / 1.000000000000000000000000000000000m).Scale).DefaultIfEmpty(2).Max(), 2, 8);

    /// <summary>
    /// Decimals for an indicator's values: two from 10 up (an RSI), more for smaller ones (a MACD on a coin worth cents), 4
    /// while there are none yet.
    /// </summary>
    public static int ValueDecimals(IEnumerable<double> values)
    {
        var largest = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(double.NaN).Max();
        return !double.IsFinite(largest) ? 4 : largest == 0 ? 2 : Math.Clamp(3 - (int)Math.Floor(Math.Log10(largest)), 2, 8);
    }

    public static int PriceDecimals(IEnumerable<Candle> candles) =>
        PriceDecimals(candles.TakeLast(300).SelectMany(c => (decimal[])[c.Open, c.High, c.Low, c.Close]));

    /// <summary>Candles as a candlestick series' points: time, open, high, low, close and volume.</summary>
    public static SeriesTail Candles(int index, IReadOnlyList<Candle> candles) => new(index, new Dictionary<string, Array>
    {
        ["time"] = candles.Select(c => c.OpenTime).ToArray(),
        ["open"] = candles.Select(c => c.Open).ToArray(),
        ["high"] = candles.Select(c => c.High).ToArray(),
        ["low"] = candles.Select(c => c.Low).ToArray(),
        ["close"] = candles.Select(c => c.Close).ToArray(),
        ["volume"] = candles.Select(c => c.Volume).ToArray(),
    });
}
