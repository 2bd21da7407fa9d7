using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Lifecycle;
using CryptoStreamLab.Node.Resilience;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace CryptoStreamLab.Node.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>The HTTP client every webhook is posted with: redirects not followed, no URL logging, retries with backoff.</summary>
    public const string HttpClientName = "alerts";

    /// <summary>
    /// Webhook alerts (section "Alerts", validated at start): the dispatcher and its per-webhook queues; on a node with the
    /// Engine role, the fill/signal monitor and the stale-stream watch; on every node, the kafka-down watch. With no
    /// webhook configured nothing subscribes or polls.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration, NodeRoles roles)
    {
        services.AddValidatedOptions<AlertOptions>(configuration, AlertOptions.SectionName, o => o.Validate());
        services.AddSingleton<AlertDispatcher>();
        services.AddNodePart(NodeStage.Alerts, sp => sp.GetRequiredService<AlertDispatcher>());
        services.AddSingleton<IKafkaHealthProbe, KafkaHealthProbe>();
        if (roles.HasFlag(NodeRoles.Engine)) services.AddNodePart<TradeAlertMonitor>(NodeStage.Alerts);
        services.AddNodePart(NodeStage.Alerts, sp => new AlertWatchService(sp.GetRequiredService<AlertDispatcher>(), sp.GetRequiredService<IOptions<AlertOptions>>(),
            sp.GetRequiredService<IOptions<MarketDataOptions>>(), sp.GetRequiredService<IKafkaHealthProbe>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlertWatchService>>(), roles.HasFlag(NodeRoles.Engine) ? sp.GetRequiredService<StreamDirectory>() : null));

        services.AddHttpClient(HttpClientName, (sp, client) =>
            {
                // The resilience pipeline's total timeout ends a delivery; this only backs it up.
                client.Timeout = sp.GetRequiredService<IOptions<AlertOptions>>().Value.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            // A redirect is answered as a failure, never followed: no redirect loop, and no body or key sent elsewhere.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's request logs would print whole URLs, tokens included; deliveries are logged masked instead.
            .RemoveAllLoggers()
            .AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<AlertOptions>>().Value;
                // Every attempt and retry would be a warning of its own; the sender logs each alert that finally failed, once.
                pipeline.ConfigureTelemetry(new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
                {
                    SeverityProvider = _ => ResilienceEventSeverity.Debug,
                });
                pipeline.AddTimeout(o.TotalTimeout);
                if (o.MaxRetries > 0)
                {
                    var clock = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                    var backoff = new ReconnectBackoff(o.RetryDelay, o.MaxRetryDelay);
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        // Retries 5xx, 408, 429 (after its Retry-After), network errors and attempts that timed out.
                        MaxRetryAttempts = o.MaxRetries,
                        // The wait a Retry-After asks for, read as every other client of the node reads it (no longer than
                        // a whole delivery may take); without one, the node's backoff, as the Binance source and the Kafka
                        // consumers back off.
                        ShouldRetryAfterHeader = false,
                        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                            (args.Outcome.Result is { } response ? RetryAfterHeader.Of(response, clock.GetUtcNow(), o.TotalTimeout) : null)
                            ?? backoff.Next(args.AttemptNumber)),
                    });
                }
                pipeline.AddTimeout(o.AttemptTimeout);
            });
        return services;
    }
}
