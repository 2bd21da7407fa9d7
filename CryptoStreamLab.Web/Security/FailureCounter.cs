using System.Threading.RateLimiting;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Failures per key (a client address, an account name) in a fixed one-minute window, on ASP.NET Core's rate limiter:
/// each failure takes a permit, and a key with none left is over its limit until the window ends. Idle keys are dropped
/// by the limiter itself, so rotating keys cannot grow it without bound.
/// </summary>
public sealed class FailureCounter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public bool IsOverLimit(string key) => _limiter.GetStatistics(key) is { CurrentAvailablePermits: <= 0 };

    public void Record(string key) => _limiter.AttemptAcquire(key).Dispose();

    public void Dispose() => _limiter.Dispose();
}
