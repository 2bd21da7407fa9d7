using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// One per circuit (scoped): coalesces the render requests of that circuit's live components so the browser
/// receives at most <see cref="DashboardOptions.MaxRendersPerSecond"/> renders a second however fast candles
/// arrive. Components pull the newest state when they render, so skipping intermediate updates loses nothing;
/// a request that arrives while a tick runs schedules the next tick, so the final update is never dropped.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly HashSet<Registration> _pending = [];
    private ITimer? _timer;
    private long? _lastTick;
    private bool _disposed;

    public RenderThrottle(IOptions<DashboardOptions> options, TimeProvider? clock = null)
    {
        _interval = options.Value.MinRenderInterval;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Ticks so far; each tick rendered every component that asked since the previous one.</summary>
    public long Ticks { get; private set; }

    /// <summary>Registers a component's render callback (typically <c>() =&gt; InvokeAsync(StateHasChanged)</c>).</summary>
    public RenderRequest Register(Func<Task> render) => new Registration(this, render);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending.Clear();
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Request(Registration registration)
    {
        lock (_gate)
        {
            if (_disposed || registration.Released) return;
            _pending.Add(registration);
            if (_timer is not null) return;
            var sinceLast = _lastTick is { } last ? _clock.GetElapsedTime(last) : _interval;
            var due = sinceLast >= _interval ? TimeSpan.Zero : _interval - sinceLast;
            _timer = _clock.CreateTimer(_ => Tick(), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    private void Release(Registration registration)
    {
        lock (_gate) _pending.Remove(registration);
    }

    private void Tick()
    {
        Registration[] due;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_disposed) return;
            _lastTick = _clock.GetTimestamp();
            Ticks++;
            due = [.. _pending];
            _pending.Clear();
        }

        foreach (var registration in due) _ = registration.RenderAsync();
    }

    private sealed class Registration(RenderThrottle owner, Func<Task> render) : RenderRequest
    {
        private int _released;

        public bool Released => Volatile.Read(ref _released) == 1;

        public override void Request() => owner.Request(this);

        public async Task RenderAsync()
        {
            try
            {
                await render();
            }
            catch (ObjectDisposedException)
            {
                // The circuit went away between the request and the tick; there is nobody left to render for.
            }
        }

        public override void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(this);
        }
    }
}

/// <summary>A component's handle on the circuit's <see cref="RenderThrottle"/>: ask for a render, or leave.</summary>
public abstract class RenderRequest : IDisposable
{
    /// <summary>Safe from any thread; renders coalesce until the next tick.</summary>
    public abstract void Request();

    public abstract void Dispose();
}
