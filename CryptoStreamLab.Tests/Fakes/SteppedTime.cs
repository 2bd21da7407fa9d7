using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Fakes;

/// <summary>
/// A fake clock that moves only when the test says, and only once the code under test is waiting on it (it has
/// created a timer): so each step is taken whole by that code however slowly the machine runs it.
/// </summary>
/// <remarks>
/// A timer due at once fires at the next <see cref="FakeTimeProvider.Advance(TimeSpan)"/> (by <see cref="Instant"/> or more),
/// not inside <c>CreateTimer</c> as <see cref="FakeTimeProvider"/>'s would: a real timer calls back on another thread,
/// never in the middle of the code that creates it.
/// </remarks>
public sealed class SteppedTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>The least step: fires the timers that were due at once.</summary>
    public static readonly TimeSpan Instant = TimeSpan.FromTicks(1);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _waits = new(0);

    public SteppedTime() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime == TimeSpan.Zero ? Instant : dueTime, period);
        _waits.Release();
        return timer;
    }

    /// <summary>Completes once the code under test has started waiting on the clock (again).</summary>
    public async Task WaitedOnAsync()
    {
        if (!await _waits.WaitAsync(Patience)) throw new TimeoutException($"nothing waited on the clock within {Patience.TotalSeconds} s");
    }

    public async Task AdvanceWhenWaitedOnAsync(TimeSpan step)
    {
        await WaitedOnAsync();
        Advance(step);
    }
}
