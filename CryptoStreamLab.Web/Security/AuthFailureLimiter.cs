using System.Net;
using CryptoStreamLab.Node.Diagnostics;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Failed API-key authentications per client (<see cref="ClientAddress"/>), counted in a fixed one-minute window. A client
/// over <see cref="AuthOptions.FailedAuthenticationsPerMinute"/> gets 429 for a key that does not match, and no slow hash
/// is computed for it; a valid key still passes, so clients sharing an address (a NAT, a proxy) cannot lock each other
/// out. Failures are logged as a count at most every <see cref="LogEvery"/>, never a line each.
/// </summary>
public sealed class AuthFailureLimiter : IDisposable
{
    public static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    private readonly FailureCounter _counter;
    private readonly LogThrottle _logThrottle = new(LogEvery);
    private readonly ILogger<AuthFailureLimiter> _log;
    private long _unlogged, _total;

    public AuthFailureLimiter(IOptions<AuthOptions> options, ILogger<AuthFailureLimiter> log)
    {
        _log = log;
        _counter = new FailureCounter(options.Value.FailedAuthenticationsPerMinute);
    }

    /// <summary>Failed authentications since the start.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Whether the client has used up its failures for this minute.</summary>
    public bool IsOverLimit(IPAddress? address) => _counter.IsOverLimit(ClientAddress.PartitionKey(address));

    /// <summary>Counts a failure of <paramref name="address"/>, and logs the count of failures so far at most every <see cref="LogEvery"/>.</summary>
    public void RecordFailure(IPAddress? address, string reason)
    {
        _counter.Record(ClientAddress.PartitionKey(address));
        Interlocked.Increment(ref _total);
        Interlocked.Increment(ref _unlogged);
        if (!_logThrottle.ShouldLog()) return;
        var pending = Interlocked.Exchange(ref _unlogged, 0);
        _log.LogWarning("{Count} failed API-key authentication(s) since the last report (at most one report every {Seconds} s); " +
                        "the latest from {Address}: {Reason}", pending, LogEvery.TotalSeconds, address, reason);
    }

    public void Dispose() => _counter.Dispose();
}
