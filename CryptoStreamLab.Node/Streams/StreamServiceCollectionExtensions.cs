using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Lifecycle;
using CryptoStreamLab.Node.Strategies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Streams;

public static class StreamServiceCollectionExtensions
{
    /// <summary>
    /// The stream directory (<see cref="StreamDirectory"/>: the streams this node's engine owns and the replicas of the others),
    /// the candle history the charts scroll back into, the "streams" health check, and on an Engine or Dashboard node the
    /// reader of the state topic that keeps the replicas.
    /// </summary>
    public static IServiceCollection AddStreams(this IServiceCollection services, NodeRoles roles)
    {
        services.TryAddSingleton<RestorePhase>();
        services.AddSingleton(sp =>
        {
            var marketData = sp.GetRequiredService<IOptions<MarketDataOptions>>().Value;
            var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            return new StreamDirectory(marketData.Streams(), sp.EngineSettings(marketData.BufferCapacity), sp.GetRequiredService<LedgerRecorder>(),
                sp.GetService<TimeProvider>(), sp.GetRequiredService<RestorePhase>(),
                new StatePublication(sp.GetRequiredService<IStateSink>(), node.EffectiveId), sp.GetRequiredService<ICommandSink>(),
                runsEngines: roles.HasFlag(NodeRoles.Engine), archive: Archive(sp), lineup: sp.GetRequiredService<StrategyLineup>());
        });
        services.AddSingleton<ICandleSink>(sp => sp.GetRequiredService<StreamDirectory>());
        // Older candles for the charts' scroll-back and the candles endpoint, on every node.
        services.AddSingleton(sp => new ArchiveLookback(sp.GetRequiredService<CandleArchive>(), sp.GetRequiredService<StreamDirectory>(),
            sp.GetRequiredService<ILogger<ArchiveLookback>>()));
        // A stream as it was at a past time (GET …/at), on every node.
        services.AddSingleton(sp => new StreamRewind(sp.GetRequiredService<ArchiveLookback>(), sp.GetRequiredService<CandleArchive>(),
            sp.GetRequiredService<StreamDirectory>(), sp.GetRequiredService<IAccountHistory>(), sp.GetRequiredService<IOptions<TradingOptions>>()));
        if ((roles & (NodeRoles.Engine | NodeRoles.Dashboard)) != 0) services.AddNodePart<StateConsumerService>(NodeStage.StateReader);
        services.AddHealthChecks().AddCheck<StreamHealthCheck>("streams");
        return services;
    }

    private static CandleArchive? Archive(IServiceProvider services) =>
        services.GetRequiredService<CandleArchive>() is { Enabled: true } archive ? archive : null;
}
