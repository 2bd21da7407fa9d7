namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>
/// Lets one log line through per interval, so that a fault repeated for every message or request (a broken broker
/// connection, a flood of bad credentials) tells its story without flooding the log. Thread-safe.
/// </summary>
internal sealed class LogThrottle(TimeSpan interval)
{
    private long _lastLoggedAt = long.MinValue;

    public TimeSpan Interval => interval;

    public bool ShouldLog()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLoggedAt);
        if (last != long.MinValue && now - last < (long)interval.TotalMilliseconds) return false;
        return Interlocked.CompareExchange(ref _lastLoggedAt, now, last) == last;
    }
}
