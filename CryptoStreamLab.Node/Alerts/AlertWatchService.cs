using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Every Alerts:CheckInterval: the streams this node's engine runs are checked for silence (stale), and this node's
/// "kafka" health check is run (kafka-down). Each watch is skipped when no webhook wants its event.
/// </summary>
public sealed class AlertWatchService(
    AlertDispatcher dispatcher,
    IOptions<AlertOptions> options,
    IOptions<MarketDataOptions> marketData,
    IKafkaHealthProbe kafka,
    TimeProvider clock,
    ILogger<AlertWatchService> logger,
    StreamDirectory? market = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stale = market is not null && dispatcher.Wants(AlertEventKind.Stale)
            ? new StaleStreamWatch(marketData.Value.StaleAfter, clock.GetUtcNow())
            : null;
        var outage = dispatcher.Wants(AlertEventKind.KafkaDown) ? new KafkaOutageWatch(dispatcher.Node) : null;
        if (stale is null && outage is null) return;

        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (stale is not null) CheckStreams(stale);
                if (outage is not null) await CheckKafkaAsync(outage, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void CheckStreams(StaleStreamWatch watch)
    {
        var now = clock.GetUtcNow();
        foreach (var key in market!.Keys)
        {
            if (!AlertOwnership.IsHere(market, key)) continue;
            if (watch.Check(key, market.Snapshot(key).LastUpdate, now) is { } alert) dispatcher.Publish(alert);
        }
    }

    private async Task CheckKafkaAsync(KafkaOutageWatch watch, CancellationToken cancellationToken)
    {
        try
        {
            var (unhealthy, reason) = await kafka.CheckAsync(cancellationToken).ConfigureAwait(false);
            if (watch.Observe(unhealthy, reason, clock.GetUtcNow()) is { } alert) dispatcher.Publish(alert);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Alerts: the Kafka health check could not run: {Reason}", e.Message);
        }
    }
}

/// <summary>Whether Kafka is unhealthy now, and why.</summary>
public interface IKafkaHealthProbe
{
    Task<(bool Unhealthy, string? Reason)> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>Runs the app's own "kafka" health check, the one /health reports.</summary>
public sealed class KafkaHealthProbe(HealthCheckService health) : IKafkaHealthProbe
{
    public async Task<(bool Unhealthy, string? Reason)> CheckAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(registration => registration.Name == "kafka", cancellationToken).ConfigureAwait(false);
        var entry = report.Entries.Values.FirstOrDefault();
        return (report.Entries.Count > 0 && entry.Status == HealthStatus.Unhealthy, entry.Description);
    }
}
