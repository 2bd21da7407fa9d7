using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Node.Archive;

/// <summary>Degraded while the archive cannot be written: trading goes on and the candles wait in the queue.</summary>
public sealed class ArchiveHealthCheck(CandleArchive archive) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = archive.Status;
        var data = new Dictionary<string, object> { ["path"] = status.Path, ["pending"] = status.Pending, ["dropped"] = status.Dropped };
        return Task.FromResult(!status.Enabled ? HealthCheckResult.Healthy("The archive is disabled.", data)
            : status.Writable ? HealthCheckResult.Healthy("The archive is writable.", data)
            : HealthCheckResult.Degraded(status.LastError ?? "The archive is not writable.", data: data));
    }
}
