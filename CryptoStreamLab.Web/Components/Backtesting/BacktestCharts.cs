using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Web.Components.Charts;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// The charts of a finished run: price with the strategy's overlay series and its fills, the strategy's panel series (RSI,
/// MACD, …) with their guides, and equity against buy and hold; each a <see cref="ChartFigure"/> for a <see cref="FigureChart"/>.
/// </summary>
public static class BacktestCharts
{
    /// <summary>Lines are thinned to about this many points: a month of minutes would otherwise send 40,000 per series over the circuit.</summary>
    public const int MaxLinePoints = 2_000;

    public const string PriceTitle = "Price and fills", EquityTitle = "Equity against buy and hold";

    /// <summary>The closes, the strategy's overlay series in its order, then the Buy and Sell markers.</summary>
    public static ChartFigure Price(BacktestOutcome outcome)
    {
        var points = ThinIndices(outcome.Curve.Count);
        var times = points.Select(i => outcome.Curve[i].OpenTime).ToArray();
        var overlays = outcome.Series.Where(s => s.Spec.Pane == SeriesPane.Overlay).ToList();
        var buys = outcome.Fills.Where(f => f.Side == TradeSide.Buy).ToList();
        var sells = outcome.Fills.Where(f => f.Side == TradeSide.Sell).ToList();
        var descriptor = new ChartDescriptor(PriceTitle,
        [
            new ChartSeriesLook("Close", ChartSeriesKind.Line, "#90a4ae") { Width = 1, LastValue = true },
            .. overlays.Select((line, k) => new ChartSeriesLook(line.Spec.Name, ChartSeriesKind.Line, ChartColors.OverlayAt(k))),
            new ChartSeriesLook(TradeSide.Buy.Name(), ChartSeriesKind.Markers, ChartColors.Up) { Marker = ChartMarker.Up },
            new ChartSeriesLook(TradeSide.Sell.Name(), ChartSeriesKind.Markers, ChartColors.Down) { Marker = ChartMarker.Down },
        ])
        { Precision = ClosePrecision(outcome) };
        return new ChartFigure(descriptor,
        [
            SeriesTail.Values(0, times, points.Select(i => outcome.Curve[i].Close).ToArray()),
            .. overlays.Select((line, k) => SeriesTail.Values(1 + k, times, Values(line, points))),
            Markers(1 + overlays.Count, buys),
            Markers(2 + overlays.Count, sells),
        ]);
    }

    /// <summary>The strategy's panel series titled by their names, a dashed line at each of their guides; null when it draws none.</summary>
    public static ChartFigure? Panel(BacktestOutcome outcome)
    {
        var panel = outcome.Series.Where(s => s.Spec.Pane == SeriesPane.Panel).ToList();
        if (panel.Count == 0) return null;
        var points = ThinIndices(outcome.Curve.Count);
        var times = points.Select(i => outcome.Curve[i].OpenTime).ToArray();
        var guides = panel.SelectMany(s => s.Spec.Guides ?? []).Distinct().Where(double.IsFinite)
            .Select(g => new PanelGuide((decimal)g, "#9e9e9e")).ToList();
        var descriptor = new ChartDescriptor(string.Join(", ", panel.Select(s => s.Spec.Name)),
            panel.Select((line, k) => new ChartSeriesLook(line.Spec.Name, ChartSeriesKind.Line, ChartColors.PanelAt(k))).ToList())
        { Guides = guides, Precision = ChartSeries.ValueDecimals(panel.SelectMany(line => line.Values.TakeLast(300))) };
        return new ChartFigure(descriptor, panel.Select((line, k) => SeriesTail.Values(k, times, Values(line, points))).ToList());
    }

    public static ChartFigure Equity(BacktestOutcome outcome) => Equity(outcome.Curve, EquityTitle);

    /// <summary>An equity curve against buy and hold, e.g. a walk-forward's chained out-of-sample curve.</summary>
    public static ChartFigure Equity(IReadOnlyList<CurvePoint> curve, string title)
    {
        var line = Thin(curve);
        var times = line.Select(p => p.OpenTime).ToArray();
        var descriptor = new ChartDescriptor(title,
        [
            new ChartSeriesLook("Strategy", ChartSeriesKind.Line, "#1e88e5") { LastValue = true },
            new ChartSeriesLook("Buy and hold", ChartSeriesKind.Line, "#fb8c00") { Width = 1 },
        ]);
        return new ChartFigure(descriptor,
        [
            SeriesTail.Values(0, times, line.Select(p => p.Equity).ToArray()),
            SeriesTail.Values(1, times, line.Select(p => p.BuyAndHold).ToArray()),
        ]);
    }

    /// <summary>Every k-th point plus the last, so the line keeps its shape and its end.</summary>
    public static IReadOnlyList<CurvePoint> Thin(IReadOnlyList<CurvePoint> curve) =>
        curve.Count <= MaxLinePoints ? curve : ThinIndices(curve.Count).Select(i => curve[i]).ToList();

    /// <summary>The indices <see cref="Thin"/> keeps of <paramref name="count"/> points, in order.</summary>
    public static IReadOnlyList<int> ThinIndices(int count)
    {
        var stride = Math.Max(1, (count + MaxLinePoints - 1) / MaxLinePoints);
        var indices = new List<int>(Math.Min(count, MaxLinePoints) + 1);
        for (var i = 0; i < count; i += stride) indices.Add(i);
        if (count > 0 && indices[^1] != count - 1) indices.Add(count - 1);
        return indices;
    }

    // NaN (not ready) is a gap.
    private static double?[] Values(SeriesLine line, IReadOnlyList<int> points) => points.Select(i => Finite.OrNull(line.Values[i])).ToArray();

    private static SeriesTail Markers(int index, IReadOnlyList<Fill> fills) =>
        SeriesTail.Values(index, fills.Select(f => f.CandleOpenTime).ToArray(), fills.Select(f => f.Price).ToArray());

    private static int ClosePrecision(BacktestOutcome outcome) => ChartSeries.PriceDecimals(outcome.Curve.TakeLast(300).Select(p => p.Close));
}
