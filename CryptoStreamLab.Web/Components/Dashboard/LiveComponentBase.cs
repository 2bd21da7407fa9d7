using System.Diagnostics;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Components;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// A component that re-renders when market state changes: it subscribes in <see cref="OnInitialized"/> to
/// <see cref="WatchedStream"/> only (every stream when null), renders through the circuit's
/// <see cref="RenderThrottle"/>, and lets go of both when it is disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private RenderRequest? _render;

    [Inject] protected StreamDirectory Market { get; set; } = default!;

    [Inject] private RenderThrottle Throttle { get; set; } = default!;

    [Inject] private IServiceProvider Services { get; set; } = default!;

    // Renders are counted for dotnet-counters/OpenTelemetry when the app's metrics are registered (not in component tests),
    // with the time from the watched stream's last change (a Stopwatch timestamp; 0 = none since the last render) to the render.
    private PipelineMetrics? _metrics;
    private long _changedAt;

    /// <summary>The stream whose changes re-render this component; null for every stream. Read once, at initialisation.</summary>
    protected abstract StreamKey? WatchedStream { get; }

    protected override void OnInitialized()
    {
        _metrics = Services.GetService<PipelineMetrics>();
        _render = Throttle.Register(() => InvokeAsync(StateHasChanged));
        var render = _render;
        _subscription = Market.Subscribe(WatchedStream, _ =>
        {
            Volatile.Write(ref _changedAt, Stopwatch.GetTimestamp());
            render.Request();
        });
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (_metrics is null) return;
        _metrics.RecordRender();
        if (Interlocked.Exchange(ref _changedAt, 0) is not 0 and var changedAt) _metrics.RecordRendered(changedAt);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _render?.Dispose();
        GC.SuppressFinalize(this);
    }
}
