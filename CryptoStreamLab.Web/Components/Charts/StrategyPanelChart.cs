using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;

using PlotlyLayout = Plotly.Blazor.Layout;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// The strategy's own panel under the candles: its <see cref="SeriesPane.Panel"/> series with their guides, as
/// <see cref="PanelLook"/> says (the seed's: RSI on 0–100 with the guides at 70 and 30). Follows the candle chart's time range
/// and takes the older points it loads.
/// </summary>
public sealed class StrategyPanelChart : LiveChart
{
    private StrategyView _view = default!;
    private PanelLook _look = default!;
    private IReadOnlyList<(int Slot, SeriesSpec Spec)> _panel = [];

    [Inject] private StreamDirectory Market { get; set; } = default!;

    /// <summary>"rsi" for the seed's RSI chart, as it has always been named; "panel" for any other strategy's.</summary>
    protected override string Kind => _view.IsSeed ? "rsi" : "panel";

    protected override int Height => 240;

    protected override string AriaLabel => $"{Snapshot.Key} {_look.Description}";

    protected override void OnInitialized()
    {
        _view = StrategyView.Of(Market, Snapshot);
        _look = PanelLook.For(_view);
        _panel = ChartSeries.In(_view.Series, SeriesPane.Panel);
        base.OnInitialized();
    }

    protected override IList<ITrace> CreateTraces() =>
        _panel.Select((series, i) => (ITrace)new Scatter
        {
            Name = series.Spec.Name, Mode = ModeFlag.Lines, Line = new Line { Color = ChartColors.PanelAt(i), Width = 1.5m },
        }).ToList();

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.ShowLegend = _panel.Count > 1;
        var axis = new YAxis { GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = _look.Title } };
        if (_look.Range is { } range) axis.Range = range.Cast<object>().ToList();
        layout.YAxis = [axis];
        layout.Shapes = _look.Guides.Select(g => ChartSeries.Guide(g.Value, g.Color)).ToList();
    }

    protected override IEnumerable<TraceTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var evaluations = ChartSeries.EvaluationsFrom(snapshot, fromOpenTime);
        var times = ChartSeries.Times(evaluations);
        for (var i = 0; i < _panel.Count; i++)
            yield return new TraceTail(i, new Dictionary<string, Array> { ["x"] = times, ["y"] = ChartSeries.Values(evaluations, _panel[i].Slot) });
    }
}
