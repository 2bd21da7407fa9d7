using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Lifecycle;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// What makes a node a member of the cluster: the signing key of the internal topics (section "Cluster"), the state
    /// topic's producer (stream changes, resets, heartbeats) and how far its reader has caught up, the command topic's
    /// producer, and the node's heartbeat.
    /// </summary>
    public static IServiceCollection AddClusterMembership(this IServiceCollection services, IConfiguration configuration)
    {
        // With the embedded broker the key may be generated at start; on a cluster it is required, so every node signs with the same one.
        services.AddValidatedOptions<ClusterOptions>(configuration, ClusterOptions.SectionName,
            o => o.Validate(embeddedBroker: string.IsNullOrWhiteSpace(configuration[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"])));
        services.AddSingleton<ClusterKey>();
        services.AddSingleton<StateOrigin>();
        services.AddSingleton<StateCatchUp>();
        services.AddSingleton<KafkaStatePublisher>();
        services.AddSingleton<IStateSink>(provider => provider.GetRequiredService<KafkaStatePublisher>());
        services.AddNodePart(NodeStage.StatePublisher, provider => provider.GetRequiredService<KafkaStatePublisher>());
        services.AddSingleton<ICommandSink, KafkaCommandPublisher>();
        services.AddNodePart<NodeHeartbeatService>(NodeStage.Heartbeat);
        return services;
    }
}
