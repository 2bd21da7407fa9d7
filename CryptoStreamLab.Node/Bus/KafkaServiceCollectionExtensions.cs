using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Lifecycle;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoStreamLab.Node.Bus;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// The Kafka bus every node has: the cluster connection (the embedded broker by default) and its topics, the candle
    /// topic's producer as the <see cref="IKlinePublisher"/>, <see cref="KafkaStatus"/> and the "kafka" health check.
    /// </summary>
    public static IServiceCollection AddKafkaBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KafkaOptions>(configuration, KafkaOptions.SectionName, o => o.Validate());
        services.TryAddSingleton<RestorePhase>();
        services.AddSingleton<KafkaStatus>();
        services.AddSingleton<KafkaCluster>();
        services.AddNodePart(NodeStage.Broker, provider => provider.GetRequiredService<KafkaCluster>());
        services.AddSingleton<KafkaKlinePublisher>();
        services.AddSingleton<IKlinePublisher>(provider => provider.GetRequiredService<KafkaKlinePublisher>());
        services.AddNodePart(NodeStage.KlinePublisher, provider => provider.GetRequiredService<KafkaKlinePublisher>());
        services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: ["kafka"]);
        return services;
    }

    /// <summary>
    /// The candle pipeline alone, for tools and tests: the bus and the candle consumer feeding the app's
    /// <see cref="ICandleSink"/> (which must be registered separately), in stage order.
    /// </summary>
    public static IServiceCollection AddKafkaBackbone(this IServiceCollection services, IConfiguration configuration) =>
        services.AddKafkaBus(configuration).AddCandleConsumer().OrderNodeParts();
}
