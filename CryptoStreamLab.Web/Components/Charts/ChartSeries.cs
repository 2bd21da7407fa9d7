using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Engine;
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

    /// <summary>Plotly draws a gap for null; indicators are NaN until their window is full.</summary>
    public static double?[] Values(List<Evaluation> evaluations, Func<Evaluation, double> value) =>
        evaluations.Select(e => Finite.OrNull(value(e))).ToArray();

    /// <summary>One series of the strategy's, by its slot in <see cref="Evaluation.Series"/>.</summary>
    public static double?[] Values(List<Evaluation> evaluations, int slot) =>
        evaluations.Select(e => Finite.OrNull(e.Series[slot])).ToArray();

    /// <summary>The strategy's series drawn in <paramref name="pane"/>, each with its slot, in the strategy's order.</summary>
    public static IReadOnlyList<(int Slot, SeriesSpec Spec)> In(IReadOnlyList<SeriesSpec> series, SeriesPane pane) =>
        series.Take(SeriesValues.Capacity).Select((spec, slot) => (slot, spec)).Where(s => s.spec.Pane == pane).ToList();

    public static long[] Times(List<Evaluation> evaluations) => evaluations.Select(e => e.Candle.OpenTime).ToArray();

    /// <summary>A line at a constant value across the whole plot width.</summary>
    public static Plotly.Blazor.LayoutLib.Shape Guide(decimal y, string color, string dash = "dash") => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
        XRef = "paper",
        X0 = 0,
        X1 = 1,
        Y0 = y,
        Y1 = y,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = color, Width = 1, Dash = dash },
    };
}
