using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using PlotlyLayout = Plotly.Blazor.Layout;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// Candlesticks with the strategy's overlay series (the seed's: its fast and slow moving averages) and its account's BUY and
/// SELL fills. Panned or zoomed to before its oldest candle, it loads older candles with the strategy's series (its panel
/// series too, for the stream's <see cref="StrategyPanelChart"/>) from <see cref="ArchiveLookback"/>, a chunk at a time.
/// </summary>
public sealed class CandleChart : LiveChart
{
    private const string Up = "#26a69a", Down = "#ef5350";

    private ArchiveLookback? _history;
    private StrategyView _view = default!;
    private IReadOnlyList<(int Slot, SeriesSpec Spec)> _overlays = [];
    private IReadOnlyList<(int Slot, SeriesSpec Spec)> _panel = [];

    [Inject] private IServiceProvider Services { get; set; } = default!;

    [Inject] private StreamDirectory Market { get; set; } = default!;

    protected override string Kind => "candles";

    protected override int Height => 380;

    protected override string AriaLabel => _view.IsSeed || _overlays.Count == 0
        ? $"{Snapshot.Key} candlestick chart with {(_overlays.Count == 0 ? "" : "moving averages and ")}trades"
        : $"{Snapshot.Key} candlestick chart with {string.Join(", ", _overlays.Select(o => o.Spec.Name))} and trades";

    protected override IList<ITrace> CreateTraces()
    {
        var traces = new List<ITrace>
        {
            new Candlestick
            {
                Name = Snapshot.Key.Symbol,
                Increasing = new Plotly.Blazor.Traces.CandlestickLib.Increasing { Line = new Plotly.Blazor.Traces.CandlestickLib.IncreasingLib.Line { Color = Up } },
                Decreasing = new Plotly.Blazor.Traces.CandlestickLib.Decreasing { Line = new Plotly.Blazor.Traces.CandlestickLib.DecreasingLib.Line { Color = Down } },
            },
        };
        for (var i = 0; i < _overlays.Count; i++)
            traces.Add(new Scatter { Name = _overlays[i].Spec.Name, Mode = ModeFlag.Lines, Line = new Line { Color = ChartColors.OverlayAt(i), Width = 1.5m } });
        traces.Add(new Scatter
        {
            Name = TradeSide.Buy.Token(), Mode = ModeFlag.Markers,
            Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleUp, Size = 12, Color = Up },
        });
        traces.Add(new Scatter
        {
            Name = TradeSide.Sell.Token(), Mode = ModeFlag.Markers,
            Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleDown, Size = 12, Color = Down },
        });
        return traces;
    }

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.YAxis = [new YAxis { GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "Price" } }];
    }

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
    /// as this chart's candle and overlay traces and the panel chart's traces, with this chart's strategy's series. A failed
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
        var candles = new List<TraceTail>
        {
            new(0, new Dictionary<string, Array>
            {
                ["x"] = times,
                ["open"] = points.Select(p => p.Candle.Open).ToArray(),
                ["high"] = points.Select(p => p.Candle.High).ToArray(),
                ["low"] = points.Select(p => p.Candle.Low).ToArray(),
                ["close"] = points.Select(p => p.Candle.Close).ToArray(),
            }),
        };
        for (var i = 0; i < _overlays.Count; i++)
        {
            var slot = _overlays[i].Slot;
            candles.Add(new TraceTail(1 + i, new Dictionary<string, Array> { ["x"] = times, ["y"] = points.Select(p => Finite.OrNull(p.Series[slot])).ToArray() }));
        }
        var panel = _panel.Select((series, i) => new TraceTail(i, new Dictionary<string, Array>
        {
            ["x"] = times,
            ["y"] = points.Select(p => Finite.OrNull(p.Series[series.Slot])).ToArray(),
        })).ToList();
        return new ChartScrollBack(chunk.More, candles, panel);
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
        for (var i = 0; i < _overlays.Count; i++)
            yield return new TraceTail(1 + i, new Dictionary<string, Array> { ["x"] = times, ["y"] = ChartSeries.Values(evaluations, _overlays[i].Slot) });
        yield return Fills(1 + _overlays.Count, snapshot, TradeSide.Buy, fromOpenTime);
        yield return Fills(2 + _overlays.Count, snapshot, TradeSide.Sell, fromOpenTime);
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
