using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Components.Dashboard;
using Plotly.Blazor;

using PlotlyLayout = Plotly.Blazor.Layout;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// Every strategy's equity curve on the stream on one chart, with buy-and-hold over the same candles
/// (<see cref="StrategyStandings.BuyAndHold"/>). Buy-and-hold is relative to the window's first close, so every update (a
/// closed candle or a reset: the curves, not the open candle) sends the whole window.
/// </summary>
public sealed class ComparisonChart : LiveChart
{
    public const string BuyAndHoldName = "Buy and hold";

    protected override string Kind => "comparison";

    protected override int Height => 300;

    protected override string AriaLabel =>
        $"{Snapshot.Key} equity of {string.Join(", ", Snapshot.Views.Select(v => v.Strategy))} against buy and hold";

    protected override bool SendsWholeWindow => true;

    protected override long VersionOf(StreamSnapshot snapshot) => StrategyStandings.CurvesVersion(snapshot.Views);

    protected override IList<ITrace> CreateTraces()
    {
        var traces = Snapshot.Views.Select((view, i) => (ITrace)new Scatter
        {
            Name = view.Strategy, Mode = ModeFlag.Lines, Line = new Line { Color = ChartColors.StrategyAt(i), Width = 1.5m },
        }).ToList();
        traces.Add(new Scatter { Name = BuyAndHoldName, Mode = ModeFlag.Lines, Line = new Line { Color = AxisColor, Width = 1m, Dash = "dot" } });
        return traces;
    }

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.YAxis = [new YAxis { GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "Value" } }];
        layout.Shapes = [ChartSeries.Guide(Snapshot.StartingBalance, AxisColor)];
    }

    protected override IEnumerable<TraceTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var views = snapshot.Views;
        for (var i = 0; i < views.Count; i++)
        {
            var points = views[i].EquityCurve.Where(p => p.OpenTime >= fromOpenTime).ToArray();
            yield return new TraceTail(i, new Dictionary<string, Array>
            {
                ["x"] = points.Select(p => p.OpenTime).ToArray(),
                ["y"] = points.Select(p => p.Equity).ToArray(),
            });
        }
        var hold = StrategyStandings.BuyAndHold(snapshot.Candles, fromOpenTime, snapshot.StartingBalance);
        yield return new TraceTail(views.Count, new Dictionary<string, Array>
        {
            ["x"] = hold.Select(p => p.OpenTime).ToArray(),
            ["y"] = hold.Select(p => p.Equity).ToArray(),
        });
    }
}
