using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// Candlesticks with their volume in a pane underneath, the strategy's overlay series (the seed's: its fast and slow moving
/// averages) and its account's BUY and SELL fills, a legend of the candle under the crosshair, and the last price on the scale.
/// Panned or zoomed to before its oldest candle, it loads older candles with the strategy's series (its panel series too, for
/// the stream's <see cref="StrategyPanelChart"/>) from <see cref="ArchiveLookback"/>, a chunk at a time.
/// </summary>
public sealed class CandleChart : LiveChart
{
    private ArchiveLookback? _history;
    private StrategyView _view = default!;
    private IReadOnlyList<(int Slot, SeriesSpec Spec)> _overlays = [];
    private IReadOnlyList<(int Slot, SeriesSpec Spec)> _panel = [];

    [Inject] private IServiceProvider Services { get; set; } = default!;

    [Inject] private StreamDirectory Market { get; set; } = default!;

    protected override string Kind => "candles";

    protected override int Height => 440;

    protected override string AriaLabel => _view.IsSeed || _overlays.Count == 0
        ? $"{Snapshot.Key} candlestick chart with {(_overlays.Count == 0 ? "" : "moving averages and ")}trades"
        : $"{Snapshot.Key} candlestick chart with {string.Join(", ", _overlays.Select(o => o.Spec.Name))} and trades";

    protected override ChartDescriptor Describe() => new(Snapshot.Key.ToString(),
    [
        new ChartSeriesLook(Snapshot.Key.Symbol, ChartSeriesKind.Candlestick, ChartColors.Up) { DownColor = ChartColors.Down, Volume = true, LastValue = true },
        .. _overlays.Select((overlay, i) => new ChartSeriesLook(overlay.Spec.Name, ChartSeriesKind.Line, ChartColors.OverlayAt(i))),
        new ChartSeriesLook(TradeSide.Buy.Token(), ChartSeriesKind.Markers, ChartColors.Up) { Marker = ChartMarker.Up },
        new ChartSeriesLook(TradeSide.Sell.Token(), ChartSeriesKind.Markers, ChartColors.Down) { Marker = ChartMarker.Down },
    ])
    {
        Precision = ChartSeries.PriceDecimals(Snapshot.Candles),
        Seconds = Snapshot.Key.Interval == KlineInterval.OneSecond,
    };

    protected override void OnInitialized()
    {
        // Without the history service (a host that has no archive) the chart shows the live buffer only.
        _history = Services.GetService<ArchiveLookback>();
        _view = StrategyView.Of(Market, Snapshot);
        _overlays = ChartSeries.In(_view.Series, SeriesPane.Overlay);
        _panel = ChartSeries.In(_view.Series, SeriesPane.Panel);
        base.OnInitialized();
    }

    protected override IDisposable? CreateHistoryHandle() => _history is null ? null : DotNetObjectReference.Create(this);

    /// <summary>
    /// Called by the browser: the <see cref="ArchiveLookback.ChunkSize"/> candles before <paramref name="before"/> (epoch ms)
    /// as this chart's candle and overlay series and the panel chart's series, with this chart's strategy's series. A failed
    /// read was logged by the history service and ends the scroll-back.
    /// </summary>
    [JSInvokable]
    public async Task<ChartScrollBack> LoadHistoryAsync(long before)
    {
        if (_history is null) return ChartScrollBack.None;
        var chunk = await _history.ReadAsync(Snapshot.Key, _view.Setup, before);
        if (chunk.Points.Count == 0) return ChartScrollBack.None;
        var points = chunk.Points;
        var times = points.Select(p => p.Candle.OpenTime).ToArray();
        var candles = new List<SeriesTail> { ChartSeries.Candles(0, points.Select(p => p.Candle).ToArray()) };
        for (var i = 0; i < _overlays.Count; i++)
        {
            var slot = _overlays[i].Slot;
            candles.Add(SeriesTail.Values(1 + i, times, points.Select(p => Finite.OrNull(p.Series[slot])).ToArray()));
        }
        var panel = _panel.Select((series, i) => SeriesTail.Values(i, times, points.Select(p => Finite.OrNull(p.Series[series.Slot])).ToArray())).ToList();
        return new ChartScrollBack(chunk.More, candles, panel);
    }

    protected override IEnumerable<SeriesTail> Tail(StreamSnapshot snapshot, long fromOpenTime)
    {
        yield return ChartSeries.Candles(0, snapshot.Candles.Where(c => c.OpenTime >= fromOpenTime).ToArray());

        var evaluations = ChartSeries.EvaluationsFrom(snapshot, fromOpenTime);
        var times = ChartSeries.Times(evaluations);
        for (var i = 0; i < _overlays.Count; i++)
            yield return SeriesTail.Values(1 + i, times, ChartSeries.Values(evaluations, _overlays[i].Slot));
        yield return Fills(1 + _overlays.Count, snapshot, TradeSide.Buy, fromOpenTime);
        yield return Fills(2 + _overlays.Count, snapshot, TradeSide.Sell, fromOpenTime);
    }

    private static SeriesTail Fills(int index, StreamSnapshot snapshot, TradeSide side, long fromOpenTime)
    {
        var fills = snapshot.Fills.Where(f => f.Side == side && f.CandleOpenTime >= fromOpenTime).ToArray();
        return SeriesTail.Values(index, fills.Select(f => f.CandleOpenTime).ToArray(), fills.Select(f => f.Price).ToArray());
    }
}
