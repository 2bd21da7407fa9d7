using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Web.Components.Charts;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotlyLayout = Plotly.Blazor.Layout;
using SymbolEnum = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// Plotly traces for a finished run: price with the strategy's overlay series and its fills, the strategy's panel series
/// (RSI, MACD, …) with their guides, and equity against buy and hold.
/// </summary>
public static class BacktestCharts
{
    /// <summary>Lines are thinned to about this many points: a month of minutes would otherwise send 40,000 per trace over the circuit.</summary>
    public const int MaxLinePoints = 2_000;

    /// <summary>The closes, the strategy's overlay series in its order, then the Buy and Sell markers.</summary>
    public static IList<ITrace> Price(BacktestOutcome outcome)
    {
        var points = ThinIndices(outcome.Curve.Count);
        var times = points.Select(i => (object)Time(outcome.Curve[i].OpenTime)).ToList();
        return
        [
            new Scatter
            {
                Name = "Close", Mode = ModeFlag.Lines, Line = new Line { Color = "#90a4ae", Width = 1m },
                X = times, Y = points.Select(i => (object)outcome.Curve[i].Close).ToList(),
            },
            .. SeriesTraces(outcome, SeriesPane.Overlay, points, times),
            Markers(TradeSide.Buy.Name(), outcome.Fills.Where(f => f.Side == TradeSide.Buy), SymbolEnum.TriangleUp, "#43a047"),
            Markers(TradeSide.Sell.Name(), outcome.Fills.Where(f => f.Side == TradeSide.Sell), SymbolEnum.TriangleDown, "#e53935"),
        ];
    }

    /// <summary>The strategy's panel series; empty when it draws none.</summary>
    public static IList<ITrace> Panel(BacktestOutcome outcome)
    {
        var points = ThinIndices(outcome.Curve.Count);
        var times = points.Select(i => (object)Time(outcome.Curve[i].OpenTime)).ToList();
        return SeriesTraces(outcome, SeriesPane.Panel, points, times).ToList<ITrace>();
    }

    /// <summary>The panel's layout: titled by its series, a dashed line at each of their guides.</summary>
    public static PlotlyLayout PanelLayout(BacktestOutcome outcome)
    {
        var panel = outcome.Series.Where(s => s.Spec.Pane == SeriesPane.Panel).ToList();
        var layout = Layout(string.Join(", ", panel.Select(s => s.Spec.Name)));
        layout.Height = 240;
        layout.Shapes = panel.SelectMany(s => s.Spec.Guides ?? []).Distinct().Where(double.IsFinite)
            .Select(g => ChartSeries.Guide((decimal)g, "#9e9e9e")).ToList();
        return layout;
    }

    public static IList<ITrace> Equity(BacktestOutcome outcome) => Equity(outcome.Curve);

    /// <summary>An equity curve against buy and hold, e.g. a walk-forward's chained out-of-sample curve.</summary>
    public static IList<ITrace> Equity(IReadOnlyList<CurvePoint> curve)
    {
        var line = Thin(curve);
        var times = line.Select(p => (object)Time(p.OpenTime)).ToList();
        return
        [
            new Scatter
            {
                Name = "Strategy", Mode = ModeFlag.Lines, Line = new Line { Color = "#1e88e5", Width = 1.5m },
                X = times, Y = line.Select(p => (object)p.Equity).ToList(),
            },
            new Scatter
            {
                Name = "Buy and hold", Mode = ModeFlag.Lines, Line = new Line { Color = "#fb8c00", Width = 1m },
                X = times, Y = line.Select(p => (object)p.BuyAndHold).ToList(),
            },
        ];
    }

    public static PlotlyLayout Layout(string title) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.Title { Text = title },
        Height = 320,
        Margin = new Plotly.Blazor.LayoutLib.Margin { L = 60, R = 20, T = 40, B = 40 },
    };

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

    // A line per series of the pane, in the dashboard's colours; NaN (not ready) is a gap.
    private static IEnumerable<Scatter> SeriesTraces(BacktestOutcome outcome, SeriesPane pane, IReadOnlyList<int> points, List<object> times) =>
        outcome.Series.Where(s => s.Spec.Pane == pane).Select((line, k) => new Scatter
        {
            Name = line.Spec.Name, Mode = ModeFlag.Lines,
            Line = new Line { Color = pane == SeriesPane.Overlay ? ChartColors.OverlayAt(k) : ChartColors.PanelAt(k), Width = 1.5m },
            X = times, Y = points.Select(i => (object)Finite.OrNull(line.Values[i])!).ToList(),
        });

    private static Scatter Markers(string name, IEnumerable<Fill> fills, SymbolEnum symbol, string color)
    {
        var list = fills.ToList();
        return new Scatter
        {
            Name = name, Mode = ModeFlag.Markers, Marker = new Marker { Symbol = symbol, Color = color, Size = 10 },
            X = list.Select(f => (object)Time(f.CandleOpenTime)).ToList(), Y = list.Select(f => (object)f.Price).ToList(),
        };
    }

    private static DateTime Time(long openTimeMs) => DateTimeOffset.FromUnixTimeMilliseconds(openTimeMs).UtcDateTime;
}
