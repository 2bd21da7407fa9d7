using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Wire;
namespace CryptoStreamLab.Node.Bus;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Kafka backbone: the cluster (embedded broker by default), the <see cref="IKlinePublisher"/>, the
    /// consumer that feeds the app's <see cref="State.ICandleSink"/> (which must be registered separately),
    /// <see cref="KafkaStatus"/> and the "kafka" health check.
    /// </summary>
    /// <param name="roles">
    /// Null: the candle pipeline alone. Otherwise the node's roles: an Engine consumes candles and commands and publishes
    /// its streams to the state topic; an Engine or a Dashboard reads the state topic into <see cref="MarketState"/>; every
    /// node announces itself there.
    /// </param>
    public static IServiceCollection AddKafkaBackbone(this IServiceCollection services, IConfiguration configuration, NodeRoles? roles = null)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.TryAddSingleton<RestorePhase>();
        services.AddSingleton<KafkaStatus>();

        // Hosted services start in registration order and stop in reverse: the broker and topics first; the state
        // publisher before the candle consumer, so it delivers what the engines published after they stop.
        services.AddSingleton<KafkaCluster>();
        services.AddHostedService(provider => provider.GetRequiredService<KafkaCluster>());

        services.AddSingleton<KafkaKlinePublisher>();
        services.AddSingleton<IKlinePublisher>(provider => provider.GetRequiredService<KafkaKlinePublisher>());

        if (roles is { } node) AddClusterState(services, configuration, node);
        if (roles is null || roles.Value.HasFlag(NodeRoles.Engine)) services.AddHostedService<KafkaConsumerService>();
        // After the consumer, so it stops before it: the producer is flushed while the consumer still runs.
        services.AddHostedService(provider => provider.GetRequiredService<KafkaKlinePublisher>());
        services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: ["kafka"]);
        return services;
    }

    private static void AddClusterState(IServiceCollection services, IConfiguration configuration, NodeRoles roles)
    {
        // The internal topics' messages are signed: with the embedded broker the key may be generated at start; on a cluster it
        // is required, so every node signs with the same one.
        services.AddValidatedOptions<ClusterOptions>(configuration, ClusterOptions.SectionName,
            o => o.Validate(embeddedBroker: string.IsNullOrWhiteSpace(configuration[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"])));
        services.AddSingleton<ClusterKey>();
        services.AddSingleton<StateCatchUp>();
        services.AddSingleton<KafkaStatePublisher>();
        services.AddSingleton<IStateSink>(provider => provider.GetRequiredService<KafkaStatePublisher>());
        services.AddHostedService(provider => provider.GetRequiredService<KafkaStatePublisher>());
        services.AddSingleton<ICommandSink, KafkaCommandPublisher>();
        if ((roles & (NodeRoles.Engine | NodeRoles.Dashboard)) != 0) services.AddHostedService<StateConsumerService>();
        if (roles.HasFlag(NodeRoles.Engine)) services.AddHostedService<CommandConsumerService>();
        services.AddHostedService<NodeHeartbeatService>();
    }
}
