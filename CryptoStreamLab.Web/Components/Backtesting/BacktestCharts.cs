using CryptoStreamLab.Core.Trading;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotlyLayout = Plotly.Blazor.Layout;
using SymbolEnum = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>Plotly traces for a finished run: price with its fills, and equity against buy and hold.</summary>
public static class BacktestCharts
{
    /// <summary>Lines are thinned to about this many points: a month of minutes would otherwise send 40,000 per trace over the circuit.</summary>
    public const int MaxLinePoints = 2_000;

    public static IList<ITrace> Price(BacktestOutcome outcome)
    {
        var line = Thin(outcome.Curve);
        return
        [
            new Scatter
            {
                Name = "Close", Mode = ModeFlag.Lines, Line = new Line { Color = "#90a4ae", Width = 1m },
                X = line.Select(p => (object)Time(p.OpenTime)).ToList(), Y = line.Select(p => (object)p.Close).ToList(),
            },
            Markers(TradeSide.Buy.Name(), outcome.Fills.Where(f => f.Side == TradeSide.Buy), SymbolEnum.TriangleUp, "#43a047"),
            Markers(TradeSide.Sell.Name(), outcome.Fills.Where(f => f.Side == TradeSide.Sell), SymbolEnum.TriangleDown, "#e53935"),
        ];
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
    public static IReadOnlyList<CurvePoint> Thin(IReadOnlyList<CurvePoint> curve)
    {
        if (curve.Count <= MaxLinePoints) return curve;
        var stride = (curve.Count + MaxLinePoints - 1) / MaxLinePoints;
        var thinned = new List<CurvePoint>(MaxLinePoints + 1);
        for (var i = 0; i < curve.Count; i += stride) thinned.Add(curve[i]);
        if (thinned[^1] != curve[^1]) thinned.Add(curve[^1]);
        return thinned;
    }

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
