using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>The paper account's value over time against its starting balance and the floor below it.</summary>
public sealed class EquityChart : LiveChart
{
    public const string SeriesName = "Portfolio value";

    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;

    protected override string Kind => "equity";

    protected override int Height => 240;

    protected override string AriaLabel =>
        $"{Snapshot.Key} portfolio value chart with the starting balance {Snapshot.StartingBalance:N0} and the floor {Floor:N0}";

    private decimal Floor => Snapshot.StartingBalance * (decimal)Options.Value.FloorRatio;

    protected override ChartDescriptor Describe() =>
        new("Value", [new ChartSeriesLook(SeriesName, ChartSeriesKind.Line, "#66bb6a") { LastValue = true }])
        {
            Guides = [new PanelGuide(Snapshot.StartingBalance, ChartColors.Muted), new PanelGuide(Floor, ChartColors.Down)],
        };

    // The recorded equity curve, not the evaluations: after a restart the candles replayed to rebuild the buffer
    // carry the restored account, while the curve holds what the account was really worth at each close.
    protected override IEnumerable<SeriesTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        var points = snapshot.EquityCurve.Where(p => p.OpenTime >= fromOpenTime).Select(p => (p.OpenTime, p.Equity)).ToList();
        if (snapshot.Latest is { IsPreview: true } preview && preview.Candle.OpenTime >= fromOpenTime &&
            (points.Count == 0 || preview.Candle.OpenTime > points[^1].OpenTime))
        {
            points.Add((preview.Candle.OpenTime, preview.Equity));
        }

        yield return SeriesTail.Values(0, points.Select(p => p.OpenTime).ToArray(), points.Select(p => p.Equity).ToArray());
    }
}
