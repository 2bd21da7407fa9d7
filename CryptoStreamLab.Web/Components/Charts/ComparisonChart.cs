using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Components.Dashboard;

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

    protected override ChartDescriptor Describe() =>
        new("Value",
        [
            .. Snapshot.Views.Select((view, i) => new ChartSeriesLook(view.Strategy ?? "", ChartSeriesKind.Line, ChartColors.StrategyAt(i))),
            new ChartSeriesLook(BuyAndHoldName, ChartSeriesKind.Line, ChartColors.Muted) { Width = 1, Style = ChartLineStyle.Dotted },
        ])
        {
            Guides = [new PanelGuide(Snapshot.StartingBalance, ChartColors.Muted)],
        };

    protected override IEnumerable<SeriesTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var views = snapshot.Views;
        for (var i = 0; i < views.Count; i++)
        {
            var points = views[i].EquityCurve.Where(p => p.OpenTime >= fromOpenTime).ToArray();
            yield return SeriesTail.Values(i, points.Select(p => p.OpenTime).ToArray(), points.Select(p => p.Equity).ToArray());
        }
        var hold = StrategyStandings.BuyAndHold(snapshot.Candles, fromOpenTime, snapshot.StartingBalance);
        yield return SeriesTail.Values(views.Count, hold.Select(p => p.OpenTime).ToArray(), hold.Select(p => p.Equity).ToArray());
    }
}
