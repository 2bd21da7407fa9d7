using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Lifecycle;

namespace CryptoStreamLab.Node.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The engine role: the strategy and trading options (validated at start) every node needs to value a stream, and on an
    /// Engine node the candle consumer that feeds the engines and the reader of the command topic.
    /// </summary>
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration, NodeRoles roles)
    {
        services.AddEngineOptions(configuration);
        if (!roles.HasFlag(NodeRoles.Engine)) return services;
        services.AddCandleConsumer();
        services.AddNodePart<CommandConsumerService>(NodeStage.Commands);
        return services;
    }

    /// <summary>The consumer of the candle topic, which applies every candle to the app's <see cref="Streams.ICandleSink"/>.</summary>
    public static IServiceCollection AddCandleConsumer(this IServiceCollection services) =>
        services.AddNodePart<CandleConsumerService>(NodeStage.CandleConsumer);
}
