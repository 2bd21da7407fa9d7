using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// A canvas chart of one stream, created in the browser from its <see cref="Descriptor"/> on the first render, which then
/// receives only the newest points of every render: everything from the last drawn candle on (the open candle moving, new
/// candles arriving), and the start of the window, before which points fell out of the buffer. Every render the circuit
/// makes (at most the per-browser render limit, see RenderThrottle) is drawn in the browser's next frame.
/// </summary>
public abstract partial class LiveChart : ComponentBase, IAsyncDisposable
{
    private ChartModule _module = default!;
    private Task? _created;
    private ChartTheme _drawnTheme;
    private long _drawnVersion = -1;
    private long _drawnThrough = long.MinValue;
    private bool _interactive;
    private IDisposable? _historyHandle;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private IOptions<DashboardOptions> DashboardOptions { get; set; } = default!;

    [Inject] private ILogger<LiveChart> Logger { get; set; } = default!;

    /// <summary>The stream's state to draw; a newer snapshot sends only its newest points.</summary>
    [Parameter, EditorRequired] public StreamSnapshot Snapshot { get; set; } = default!;

    /// <summary>The page's theme; a change re-colours the chart in place.</summary>
    [CascadingParameter] public ChartTheme Theme { get; set; }

    /// <summary>The element the chart draws in.</summary>
    public string ElementId { get; } = $"chart-{Guid.NewGuid():N}";

    /// <summary>The chart's series and look, as sent to the browser; the order is the index the tails refer to.</summary>
    public ChartDescriptor Descriptor { get; private set; } = default!;

    /// <summary>Short name for the chart ("candles", "rsi" or "panel", "equity", "comparison"), also exposed to tests as data-chart.</summary>
    protected abstract string Kind { get; }

    protected abstract string AriaLabel { get; }

    /// <summary>Pixel height of the chart's box; the chart's width follows the screen.</summary>
    protected abstract int Height { get; }

    protected abstract ChartDescriptor Describe();

    /// <summary>For every series, its points whose candle opened at or after <paramref name="fromOpenTime"/>.</summary>
    protected abstract IEnumerable<SeriesTail> Tail(StreamSnapshot snapshot, long fromOpenTime);

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
        _module = new ChartModule(JS);
        Descriptor = Describe();
    }

    // The markup (the chart's box) never changes once the browser has drawn it, so re-rendering it would only cost the
    // server a diff per update; new points travel through SendNewPointsAsync.
    protected override bool ShouldRender() => !_interactive;

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        _interactive = true;
        return SendNewPointsAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!_interactive) return;
        await SendNewPointsAsync();
        if (Theme != _drawnTheme && _created is { IsCompletedSuccessfully: true })
        {
            _drawnTheme = Theme;
            await GuardAsync(() => _module.SetThemeAsync(ElementId, Theme));
        }
    }

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
        return GuardAsync(async () =>
        {
            await (_created ??= CreateAsync());
            await _module.UpdateAsync(ElementId, minX, from, tail);
        });
    }

    // Once per chart, however many renders overlap the first: which stream and kind of chart this is links a stream's charts.
    private Task CreateAsync()
    {
        _historyHandle ??= CreateHistoryHandle();
        _drawnTheme = Theme;
        return _module.CreateAsync(ElementId, Descriptor, Snapshot.Key.Id, _historyHandle, Theme);
    }

    private async Task GuardAsync(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The browser left; the next circuit draws from scratch.
        }
        catch (JSException e)
        {
            // A chart that cannot update must not take the page's figures and tables down with it;
            // the next render creates it again if need be and sends the whole window.
            Logger.LogWarning(e, "Chart {Chart} of {Stream} could not be updated in the browser.", Kind, Snapshot.Key);
            if (_created is { IsFaulted: true }) _created = null;
            _drawnVersion = -1;
            _drawnThrough = long.MinValue;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _historyHandle?.Dispose();
        if (_module is not null)
        {
            await _module.ForgetAsync(ElementId);
            await _module.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
