using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Support;

/// <summary>
/// The tests' fake clock: its time moves only when the test says (<see cref="FakeTimeProvider.Advance(TimeSpan)"/>,
/// <see cref="FakeTimeProvider.SetUtcNow(DateTimeOffset)"/>), and its timers wait for those steps, so each step is
/// taken whole by the code waiting on it however slowly the machine runs it. <see cref="WithRealTimers"/> makes one
/// whose timers run on real time instead, for code whose waits a test measures on the wall clock.
/// </summary>
/// <remarks>
/// A timer due at once fires at the next <see cref="FakeTimeProvider.Advance(TimeSpan)"/> (by <see cref="Instant"/> or more),
/// not inside <c>CreateTimer</c> as <see cref="FakeTimeProvider"/>'s would: a real timer calls back on another thread,
/// never in the middle of the code that creates it.
/// </remarks>
public sealed class SteppedTime : FakeTimeProvider
{
    /// <summary>The least step: fires the timers that were due at once.</summary>
    public static readonly TimeSpan Instant = TimeSpan.FromTicks(1);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _waits = new(0);
    private readonly bool _realTimers;

    public SteppedTime() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public SteppedTime(DateTimeOffset start) : this(start, realTimers: false)
    {
    }

    private SteppedTime(DateTimeOffset start, bool realTimers) : base(start) => _realTimers = realTimers;

    /// <summary>
    /// A clock whose time the test sets, but whose timers (a reconnect delay, a Retry-After) run on real time, so
    /// they stay short and real and a test can time them.
    /// </summary>
    public static SteppedTime WithRealTimers(DateTimeOffset now) => new(now, realTimers: true);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (_realTimers) return TimeProvider.System.CreateTimer(callback, state, dueTime, period);
        var timer = base.CreateTimer(callback, state, dueTime == TimeSpan.Zero ? Instant : dueTime, period);
        _waits.Release();
        return timer;
    }

    /// <summary>Completes once the code under test has started waiting on the clock (again).</summary>
    public async Task WaitedOnAsync()
    {
        if (_realTimers) throw new InvalidOperationException("With real timers nothing waits on this clock's steps.");
        if (!await _waits.WaitAsync(Patience)) throw new TimeoutException($"nothing waited on the clock within {Patience.TotalSeconds} s");
    }

    public async Task AdvanceWhenWaitedOnAsync(TimeSpan step)
    {
        await WaitedOnAsync();
        Advance(step);
    }
}
