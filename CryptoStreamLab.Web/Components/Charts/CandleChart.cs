using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Web.State;
using Plotly.Blazor;
using PlotlyLayout = Plotly.Blazor.Layout;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>Candlesticks with the fast and slow moving averages and the account's BUY and SELL fills.</summary>
public sealed class CandleChart : LiveChart
{
    private const string Up = "#26a69a", Down = "#ef5350";

    protected override string Kind => "candles";

    protected override int Height => 380;

    protected override string AriaLabel => $"{Snapshot.Key} candlestick chart with moving averages and trades";

    protected override IList<ITrace> CreateTraces() =>
    [
        new Candlestick
        {
            Name = Snapshot.Key.Symbol,
            Increasing = new Plotly.Blazor.Traces.CandlestickLib.Increasing { Line = new Plotly.Blazor.Traces.CandlestickLib.IncreasingLib.Line { Color = Up } },
            Decreasing = new Plotly.Blazor.Traces.CandlestickLib.Decreasing { Line = new Plotly.Blazor.Traces.CandlestickLib.DecreasingLib.Line { Color = Down } },
        },
        new Scatter { Name = "MA fast", Mode = ModeFlag.Lines, Line = new Line { Color = "#ffb300", Width = 1.5m } },
        new Scatter { Name = "MA slow", Mode = ModeFlag.Lines, Line = new Line { Color = "#42a5f5", Width = 1.5m } },
        new Scatter
        {
            Name = "BUY", Mode = ModeFlag.Markers,
            Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleUp, Size = 12, Color = Up },
        },
        new Scatter
        {
            Name = "SELL", Mode = ModeFlag.Markers,
            Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleDown, Size = 12, Color = Down },
        },
    ];

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.YAxis = [new YAxis { GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "Price" } }];
    }

    protected override IEnumerable<TraceTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var candles = snapshot.Candles.Where(c => c.OpenTime >= fromOpenTime).ToArray();
        yield return new TraceTail(0, new Dictionary<string, Array>
        {
            ["x"] = candles.Select(c => c.OpenTime).ToArray(),
            ["open"] = candles.Select(c => c.Open).ToArray(),
            ["high"] = candles.Select(c => c.High).ToArray(),
            ["low"] = candles.Select(c => c.Low).ToArray(),
            ["close"] = candles.Select(c => c.Close).ToArray(),
        });

        var evaluations = ChartSeries.EvaluationsFrom(snapshot, fromOpenTime);
        var times = ChartSeries.Times(evaluations);
        yield return new TraceTail(1, new Dictionary<string, Array> { ["x"] = times, ["y"] = ChartSeries.Values(evaluations, e => e.FastMa) });
        yield return new TraceTail(2, new Dictionary<string, Array> { ["x"] = times, ["y"] = ChartSeries.Values(evaluations, e => e.SlowMa) });
        yield return Fills(3, snapshot, TradeSide.Buy, fromOpenTime);
        yield return Fills(4, snapshot, TradeSide.Sell, fromOpenTime);
    }

    private static TraceTail Fills(int index, StreamSnapshot snapshot, TradeSide side, long fromOpenTime)
    {
        var fills = snapshot.Fills.Where(f => f.Side == side && f.CandleOpenTime >= fromOpenTime).ToArray();
        return new TraceTail(index, new Dictionary<string, Array>
        {
            ["x"] = fills.Select(f => f.CandleOpenTime).ToArray(),
            ["y"] = fills.Select(f => f.Price).ToArray(),
        });
    }
}
