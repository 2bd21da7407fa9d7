using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// Healthy while the source is connected and messages keep arriving; Degraded (not Unhealthy) otherwise,
/// because the app still serves its history and the source heals itself: an orchestrator should not restart it.
/// </summary>
public sealed class MarketDataHealthCheck(MarketDataStatus status, IOptionsMonitor<MarketDataOptions> options, TimeProvider timeProvider)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = status.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["source"] = snapshot.Source,
            ["state"] = snapshot.State,
            ["connected"] = snapshot.Connected,
            ["messages"] = snapshot.Messages,
            ["reconnects"] = snapshot.Reconnects,
            ["malformed"] = snapshot.Malformed,
        };
        if (snapshot.LastMessageTime is { } last) data["lastMessageTime"] = last;
        if (snapshot.LastError is { } error) data["lastError"] = error;

        if (!snapshot.Connected)
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{snapshot.Source} is not connected ({snapshot.State}){(snapshot.LastError is null ? "" : $": {snapshot.LastError}")}", data: data));

        var staleAfter = options.CurrentValue.StaleAfter;
        var age = snapshot.LastMessageTime is { } t ? timeProvider.GetUtcNow() - t : (TimeSpan?)null;
        var since = snapshot.ConnectedSince is { } c ? timeProvider.GetUtcNow() - c : TimeSpan.Zero;
        if ((age ?? since) > staleAfter)
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{snapshot.Source} is connected but no message for {(age ?? since):c} (more than {staleAfter:c}).", data: data));

        return Task.FromResult(HealthCheckResult.Healthy($"{snapshot.Source} is {snapshot.State}.", data));
    }
}
