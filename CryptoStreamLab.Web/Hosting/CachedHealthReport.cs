using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>
/// The newest health report, run again when it is older than <see cref="MaxAge"/>; while a run is under way every caller
/// waits for that one run instead of starting its own.
/// </summary>
public sealed class CachedHealthReport(HealthCheckService checks, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Task<HealthReport>? _current;
    private DateTimeOffset _ranAt = DateTimeOffset.MinValue;
    private long _runs;

    /// <summary>How many times the checks have run.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public Task<HealthReport> GetAsync()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_current is { } current && (!current.IsCompleted || now - _ranAt < MaxAge)) return current;
            _ranAt = now;
            Interlocked.Increment(ref _runs);
            return _current = checks.CheckHealthAsync(CancellationToken.None);
        }
    }
}
