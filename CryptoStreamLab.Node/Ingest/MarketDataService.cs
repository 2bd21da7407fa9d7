using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// Runs the configured source for the life of the app. A source handles its own failures; if one still
/// escapes, it is recorded in the status and logged, and the app keeps serving instead of stopping the host.
/// </summary>
public sealed class MarketDataService(
    IEnumerable<IMarketDataSource> sources,
    IOptionsMonitor<MarketDataOptions> options,
    MarketDataStatus status,
    ILogger<MarketDataService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kind = options.CurrentValue.Source;
        var source = sources.First(s => s.Kind == kind);
        logger.LogInformation("Market data source: {Source}", kind);
        try
        {
            await source.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (Exception ex)
        {
            status.SetConnected(false);
            status.SetState("stopped after an unexpected error");
            status.RecordError($"{kind} source stopped: {ex.Message}");
            logger.LogError(ex, "Market data source {Source} stopped", kind);
        }
    }
}
