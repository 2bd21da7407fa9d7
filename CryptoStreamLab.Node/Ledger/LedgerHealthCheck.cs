using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// Answers at once from the ledger's status (never waits for the file). Degraded while another program holds the file locked
/// and entries wait in memory to be written; unhealthy while it cannot be written otherwise (read-only, disk full, unopenable)
/// or once waiting entries were dropped: trading goes on in memory, but a restart would lose it.
/// </summary>
public sealed class LedgerHealthCheck(LedgerRecorder ledger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = ledger.Status;
        var data = new Dictionary<string, object> { ["path"] = status.DatabasePath, ["pending"] = status.PendingEntries, ["dropped"] = status.Dropped };
        if (status.Writable) return Task.FromResult(HealthCheckResult.Healthy("The ledger is writable.", data));
        var reason = status.LastError ?? "The ledger is not writable.";
        return Task.FromResult(status.Busy && status.Dropped == 0
            ? HealthCheckResult.Degraded(reason, data: data)
            : HealthCheckResult.Unhealthy(reason, data: data));
    }
}
