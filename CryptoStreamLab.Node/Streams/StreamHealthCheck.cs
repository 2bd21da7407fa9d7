using CryptoStreamLab.Core.Market;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// Degraded while a stream refuses every update it gets (<see cref="StreamDirectory.StuckStreams"/>): it is frozen on candles
/// its source contradicts, and only an operator can tell which side is wrong. The other streams go on.
/// </summary>
public sealed class StreamHealthCheck(StreamDirectory market) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stuck = market.StuckStreams();
        if (stuck.Count == 0) return Task.FromResult(HealthCheckResult.Healthy("Every stream applies its updates."));
        var data = new Dictionary<string, object>();
        foreach (var s in stuck) data[s.Key.Id] = $"{s.Refused} updates refused since {s.Since:O}";
        var first = stuck[0];
        return Task.FromResult(HealthCheckResult.Degraded(
            $"{stuck.Count} stream(s) refuse every update: {first.Key} has refused all {first.Refused} since {first.Since:O} " +
            "(they contradict its committed candles or lie behind one it moved past).", data: data));
    }
}

/// <summary>A stream whose every update has been refused since <paramref name="Since"/>.</summary>
public sealed record StuckStream(StreamKey Key, DateTimeOffset Since, long Refused);
