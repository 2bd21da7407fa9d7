using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using PlotlyLayout = Plotly.Blazor.Layout;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// A Plotly chart of one stream that is drawn once by Plotly.Blazor (trace styles and layout) and then
/// receives only the newest points: everything from the last drawn candle on, which covers the open
/// candle moving and new candles arriving, and drops what fell out of the buffer.
/// </summary>
public abstract partial class LiveChart : ComponentBase, IAsyncDisposable
{
    private const string ModulePath = "./Components/Charts/LiveChart.razor.js";

    /// <summary>Muted colours that read on both the light and the dark theme, so a theme switch needs no redraw.</summary>
    protected const string AxisColor = "#8a8f98";
    protected const string GridColor = "rgba(138,143,152,0.25)";

    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private IList<ITrace> _traces = default!;
    private PlotlyLayout _layout = default!;
    private Task<IJSObjectReference>? _module;
    private long _drawnVersion = -1;
    private long _drawnThrough = long.MinValue;
    private bool _interactive;
    private bool _attached;
    private IDisposable? _historyHandle;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private IOptions<DashboardOptions> DashboardOptions { get; set; } = default!;

    [Inject] private ILogger<LiveChart> Logger { get; set; } = default!;

    /// <summary>The stream's state to draw; a newer snapshot sends only its newest points.</summary>
    [Parameter, EditorRequired] public StreamSnapshot Snapshot { get; set; } = default!;

    /// <summary>The element Plotly draws into.</summary>
    public string ElementId { get; } = $"chart-{Guid.NewGuid():N}";

    /// <summary>Short name for the chart ("candles", "rsi" or "panel", "equity", "comparison"), also exposed to tests as data-chart.</summary>
    protected abstract string Kind { get; }

    protected abstract string AriaLabel { get; }

    /// <summary>Pixel height of the chart's box; Plotly sizes itself to the box, so the width follows the screen.</summary>
    protected abstract int Height { get; }

    /// <summary>The traces' styles, without data; the order is the index the tails refer to.</summary>
    protected abstract IList<ITrace> CreateTraces();

    /// <summary>Adds the chart's own axes, guides and height to the shared layout.</summary>
    protected abstract void ConfigureLayout(PlotlyLayout layout);

    /// <summary>For every trace, its points whose candle opened at or after <paramref name="fromOpenTime"/>.</summary>
    protected abstract IEnumerable<TraceTail> Tail(StreamSnapshot snapshot, long fromOpenTime);

    /// <summary>
    /// A .NET object reference the browser module calls (<c>LoadHistoryAsync(before)</c>, returning <see cref="ChartScrollBack"/>)
    /// when the chart is panned before its oldest candle; null for a chart that does not scroll back by itself.
    /// </summary>
    protected virtual IDisposable? CreateHistoryHandle() => null;

    /// <summary>What the chart draws changes when this does: the snapshot's version unless a chart draws less than every update.</summary>
    protected virtual long VersionOf(StreamSnapshot snapshot) => snapshot.Version;

    /// <summary>
    /// True for a chart whose older points change with the window (values relative to its first candle): every update sends
    /// the whole window rather than the newest points.
    /// </summary>
    protected virtual bool SendsWholeWindow => false;

    protected override void OnInitialized()
    {
        _traces = CreateTraces();
        _layout = new PlotlyLayout
        {
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Color = AxisColor },
            Margin = new Margin { L = 56, R = 12, T = 8, B = 32 },
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, X = 0m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
            // Keeps a user's zoom and pan while new points arrive.
            UiRevision = Snapshot.Key.Id,
            XAxis =
            [
                new XAxis
                {
                    Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
                    GridColor = GridColor,
                    RangeSlider = new Plotly.Blazor.LayoutLib.XAxisLib.RangeSlider { Visible = false },
                    TickAngle = 0,
                    TickLabelOverflow = Plotly.Blazor.LayoutLib.XAxisLib.TickLabelOverflowEnum.Allow,
                },
            ],
        };
        ConfigureLayout(_layout);
        // Every redraw re-lays the tick labels. With Plotly's defaults it measures each label's box to pick an
        // angle and, for every label drawn, re-measures them all to hide those past the edge: that measuring
        // was half the cost of a redraw. Horizontal labels that may touch the edge cost no measuring.
        foreach (var axis in _layout.YAxis ?? [])
        {
            axis.TickAngle = 0;
            axis.TickLabelOverflow = Plotly.Blazor.LayoutLib.YAxisLib.TickLabelOverflowEnum.Allow;
        }
    }

    // The markup (Plotly's element, trace styles and layout) never changes once the browser has drawn it, so
    // re-rendering it would only cost the server a diff per update; new points travel through SendNewPointsAsync.
    protected override bool ShouldRender() => !_interactive;

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        _interactive = true;
        return SendNewPointsAsync();
    }

    protected override Task OnParametersSetAsync() => _interactive ? SendNewPointsAsync() : Task.CompletedTask;

    private Task SendNewPointsAsync()
    {
        var snapshot = Snapshot;
        var version = VersionOf(snapshot);
        if (snapshot.IsEmpty || version == _drawnVersion) return Task.CompletedTask;

        // Decided before any await so that a render overlapping this one continues from here, never from older state.
        var shown = Math.Min(snapshot.Candles.Count, DashboardOptions.Value.ChartCandles);
        var minX = snapshot.Candles[^shown].OpenTime;
        var from = SendsWholeWindow ? minX : Math.Max(_drawnThrough, minX);
        var tail = Tail(snapshot, from).ToArray();
        _drawnVersion = version;
        _drawnThrough = snapshot.Candles[^1].OpenTime;
        return SendAsync(minX, from, tail);
    }

    private async Task SendAsync(long minX, long from, TraceTail[] tail)
    {
        try
        {
            var module = await (_module ??= JS.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask());
            if (!_attached)
            {
                // Which stream and kind of chart this is, so the module can link a stream's charts for scroll-back.
                _historyHandle ??= CreateHistoryHandle();
                await module.InvokeVoidAsync("attach", ElementId, Snapshot.Key.Id, Kind, _historyHandle);
                _attached = true;
            }
            await module.InvokeVoidAsync("updateTail", ElementId, minX, from, tail);
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The browser left; the next circuit draws from scratch.
        }
        catch (JSException e)
        {
            // A chart that cannot update must not take the page's figures and tables down with it;
            // the next render sends the whole window again.
            Logger.LogWarning(e, "Chart {Chart} of {Stream} could not be updated in the browser.", Kind, Snapshot.Key);
            _drawnVersion = -1;
            _drawnThrough = long.MinValue;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _historyHandle?.Dispose();
        if (_module is null) return;
        try
        {
            var module = await _module;
            await module.InvokeVoidAsync("forget", ElementId);
            await module.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or OperationCanceledException)
        {
            // Nothing to release on a browser that is gone or a module that never loaded.
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>New points for one trace, as Plotly attribute name → values (x is epoch milliseconds).</summary>
public sealed record TraceTail(int Index, IReadOnlyDictionary<string, Array> Columns);

/// <summary>
/// Older points for a stream's charts, to put in front of what they show: the candle chart's traces and the strategy panel's.
/// <see cref="More"/> is false when nothing older exists (or it could not be read), so the browser stops asking.
/// </summary>
public sealed record ChartScrollBack(bool More, IReadOnlyList<TraceTail> Candles, IReadOnlyList<TraceTail> Panel)
{
    public static ChartScrollBack None { get; } = new(false, [], []);
}
