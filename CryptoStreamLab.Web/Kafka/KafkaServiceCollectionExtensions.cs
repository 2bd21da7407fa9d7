using CryptoStreamLab.Web.MarketData;
using CryptoStreamLab.Web.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Kafka;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Kafka backbone: the cluster (embedded broker by default), the <see cref="IKlinePublisher"/>, the
    /// consumer that feeds the app's <see cref="State.ICandleSink"/> (which must be registered separately),
    /// <see cref="KafkaStatus"/> and the "kafka" health check.
    /// </summary>
    public static IServiceCollection AddKafkaBackbone(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.TryAddSingleton<RestorePhase>();
        services.AddSingleton<KafkaStatus>();

        // Hosted services start in registration order: the broker and topics come before the consumer.
        services.AddSingleton<KafkaCluster>();
        services.AddHostedService(provider => provider.GetRequiredService<KafkaCluster>());

        services.AddSingleton<KafkaKlinePublisher>();
        services.AddSingleton<IKlinePublisher>(provider => provider.GetRequiredService<KafkaKlinePublisher>());

        services.AddHostedService<KafkaConsumerService>();
        // After the consumer, so it stops before it: the producer is flushed while the consumer still runs.
        services.AddHostedService(provider => provider.GetRequiredService<KafkaKlinePublisher>());
        services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: ["kafka"]);
        return services;
    }

    /// <summary>Maps GET /api/kafka: the backbone's counters as JSON (no client settings, so no credentials).</summary>
    public static IEndpointRouteBuilder MapKafkaStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/kafka", (KafkaStatus status) =>
            Results.Json(status.Snapshot(), KafkaJsonContext.Default.KafkaStatusSnapshot));
        return endpoints;
    }
}
