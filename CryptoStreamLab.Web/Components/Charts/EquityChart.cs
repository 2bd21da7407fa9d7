using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Plotly.Blazor;

using PlotlyLayout = Plotly.Blazor.Layout;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>The paper account's value over time against its starting balance and the floor below it.</summary>
public sealed class EquityChart : LiveChart
{
    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;

    protected override string Kind => "equity";

    protected override int Height => 240;

    protected override string AriaLabel =>
        $"{Snapshot.Key} portfolio value chart with the starting balance {Snapshot.StartingBalance:N0} and the floor {Floor:N0}";

    private decimal Floor => Snapshot.StartingBalance * (decimal)Options.Value.FloorRatio;

    protected override IList<ITrace> CreateTraces() =>
        [new Scatter { Name = "Portfolio value", Mode = ModeFlag.Lines, Line = new Line { Color = "#66bb6a", Width = 1.5m } }];

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.ShowLegend = false;
        layout.YAxis = [new YAxis { GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "Value" } }];
        layout.Shapes = [ChartSeries.Guide(Snapshot.StartingBalance, AxisColor), ChartSeries.Guide(Floor, "#ef5350")];
    }

    // The recorded equity curve, not the evaluations: after a restart the candles replayed to rebuild the buffer
    // carry the restored account, while the curve holds what the account was really worth at each close.
    protected override IEnumerable<TraceTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var points = snapshot.EquityCurve.Where(p => p.OpenTime >= fromOpenTime).Select(p => (p.OpenTime, p.Equity)).ToList();
        if (snapshot.Latest is { IsPreview: true } preview && preview.Candle.OpenTime >= fromOpenTime &&
            (points.Count == 0 || preview.Candle.OpenTime > points[^1].OpenTime))
        {
            points.Add((preview.Candle.OpenTime, preview.Equity));
        }

        yield return new TraceTail(0, new Dictionary<string, Array>
        {
            ["x"] = points.Select(p => p.OpenTime).ToArray(),
            ["y"] = points.Select(p => p.Equity).ToArray(),
        });
    }
}
