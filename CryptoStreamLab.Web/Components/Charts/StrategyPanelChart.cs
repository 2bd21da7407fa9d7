using CryptoStreamLab.Node.Streams;
using Plotly.Blazor;

using PlotlyLayout = Plotly.Blazor.Layout;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>RSI on a fixed 0–100 scale with the overbought (70) and oversold (30) guides.</summary>
public sealed class RsiChart : LiveChart
{
    public const decimal Overbought = 70, Oversold = 30;

    protected override string Kind => "rsi";

    protected override int Height => 240;

    protected override string AriaLabel => $"{Snapshot.Key} RSI chart with guides at 70 and 30";

    protected override IList<ITrace> CreateTraces() =>
        [new Scatter { Name = "RSI", Mode = ModeFlag.Lines, Line = new Line { Color = "#ab47bc", Width = 1.5m } }];

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.ShowLegend = false;
        layout.YAxis = [new YAxis { Range = [0, 100], GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "RSI" } }];
        layout.Shapes = [ChartSeries.Guide(Overbought, "#ef5350"), ChartSeries.Guide(Oversold, "#26a69a")];
    }

    protected override IEnumerable<TraceTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var evaluations = ChartSeries.EvaluationsFrom(snapshot, fromOpenTime);
        yield return new TraceTail(0, new Dictionary<string, Array>
        {
            ["x"] = ChartSeries.Times(evaluations),
            ["y"] = ChartSeries.Values(evaluations, e => e.Rsi),
        });
    }
}
