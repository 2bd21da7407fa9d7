using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;

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

    /// <summary>How the panel is drawn: its title, range and guides.</summary>
    public PanelLook Look => _look;

    protected override void OnInitialized()
    {
        _view = StrategyView.Of(Market, Snapshot);
        _look = PanelLook.For(_view);
        _panel = ChartSeries.In(_view.Series, SeriesPane.Panel);
        base.OnInitialized();
    }

    protected override ChartDescriptor Describe() =>
        new(_look.Title, _panel.Select((series, i) => new ChartSeriesLook(series.Spec.Name, ChartSeriesKind.Line, ChartColors.PanelAt(i)) { LastValue = true }).ToList())
        {
            Guides = _look.Guides,
            Range = _look.Range,
            Precision = ChartSeries.ValueDecimals(Snapshot.Evaluations.TakeLast(300).SelectMany(e => _panel.Select(p => e.Series[p.Slot]))),
        };

    protected override IEnumerable<SeriesTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var evaluations = ChartSeries.EvaluationsFrom(snapshot, fromOpenTime);
        var times = ChartSeries.Times(evaluations);
        for (var i = 0; i < _panel.Count; i++)
            yield return SeriesTail.Values(i, times, ChartSeries.Values(evaluations, _panel[i].Slot));
    }
}
