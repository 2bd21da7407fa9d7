using CryptoStreamLab.Core;
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
/// Candlesticks with the fast and slow moving averages and the account's BUY and SELL fills. Panned or zoomed to before
/// its oldest candle, it loads older candles with their averages (and RSI, for the stream's RSI chart) from
/// <see cref="ArchiveLookback"/>, a chunk at a time.
/// </summary>
public sealed class CandleChart : LiveChart
{
    private const string Up = "#26a69a", Down = "#ef5350";

    private ArchiveLookback? _history;

    [Inject] private IServiceProvider Services { get; set; } = default!;

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
            Name = TradeSide.Buy.Token(), Mode = ModeFlag.Markers,
            Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleUp, Size = 12, Color = Up },
        },
        new Scatter
        {
            Name = TradeSide.Sell.Token(), Mode = ModeFlag.Markers,
            Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleDown, Size = 12, Color = Down },
        },
    ];

    protected override void ConfigureLayout(PlotlyLayout layout)
    {
        layout.YAxis = [new YAxis { GridColor = GridColor, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "Price" } }];
    }

    protected override void OnInitialized()
    {
        // Without the history service (a host that has no archive) the chart shows the live buffer only.
        _history = Services.GetService<ArchiveLookback>();
        base.OnInitialized();
    }

    protected override IDisposable? CreateHistoryHandle() => _history is null ? null : DotNetObjectReference.Create(this);

    /// <summary>
    /// Called by the browser: the <see cref="ArchiveLookback.ChunkSize"/> candles before <paramref name="before"/> (epoch ms)
    /// as this chart's candle and average traces and the RSI chart's trace. A failed read was logged by the history
    /// service and ends the scroll-back.
    /// </summary>
    [JSInvokable]
    public async Task<ChartScrollBack> LoadHistoryAsync(long before)
    {
        if (_history is null) return ChartScrollBack.None;
        var chunk = await _history.ReadAsync(Snapshot.Key, before);
        if (chunk.Points.Count == 0) return ChartScrollBack.None;
        var points = chunk.Points;
        var times = points.Select(p => p.Candle.OpenTime).ToArray();
        TraceTail[] candles =
        [
            new(0, new Dictionary<string, Array>
            {
                ["x"] = times,
                ["open"] = points.Select(p => p.Candle.Open).ToArray(),
                ["high"] = points.Select(p => p.Candle.High).ToArray(),
                ["low"] = points.Select(p => p.Candle.Low).ToArray(),
                ["close"] = points.Select(p => p.Candle.Close).ToArray(),
            }),
            new(1, new Dictionary<string, Array> { ["x"] = times, ["y"] = points.Select(p => Finite.OrNull(p.FastMa)).ToArray() }),
            new(2, new Dictionary<string, Array> { ["x"] = times, ["y"] = points.Select(p => Finite.OrNull(p.SlowMa)).ToArray() }),
        ];
        TraceTail[] rsi = [new(0, new Dictionary<string, Array> { ["x"] = times, ["y"] = points.Select(p => Finite.OrNull(p.Rsi)).ToArray() })];
        return new ChartScrollBack(chunk.More, candles, rsi);
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
