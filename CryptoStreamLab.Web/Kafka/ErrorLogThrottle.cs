namespace CryptoStreamLab.Web.Kafka;

/// <summary>
/// A broken connection makes librdkafka report the same error for every message and every retry;
/// this lets one line through per interval so the log tells the story without flooding. Thread-safe.
/// </summary>
internal sealed class ErrorLogThrottle(TimeSpan interval)
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
