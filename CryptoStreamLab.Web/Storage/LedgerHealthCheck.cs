using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Web.Storage;

/// <summary>Unhealthy while the ledger cannot be written: trading goes on in memory, but a restart would lose it.</summary>
public sealed class LedgerHealthCheck(LedgerRecorder ledger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = ledger.Status;
        var data = new Dictionary<string, object> { ["path"] = status.DatabasePath, ["pending"] = status.PendingEntries };
        return Task.FromResult(status.Writable
            ? HealthCheckResult.Healthy("The ledger is writable.", data)
            : HealthCheckResult.Unhealthy(status.LastError ?? "The ledger is not writable.", data: data));
    }
}
