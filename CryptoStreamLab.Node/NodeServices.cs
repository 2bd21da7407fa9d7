using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Lifecycle;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoStreamLab.Node;

/// <summary>A whole node: each part of the pipeline registers itself, then the running parts are put in start order.</summary>
public static class NodeServices
{
    /// <summary>
    /// Registers the node the configuration describes ("Node:Roles", default every role) and returns its roles. Relative
    /// paths in the configuration are read against <paramref name="contentRoot"/>. The order of the calls does not matter:
    /// <see cref="NodeStage"/> says in what order the parts start and stop.
    /// </summary>
    public static NodeRoles AddCryptoStreamLabNode(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // Read now, not from options: what a node registers depends on them.
        var roles = configuration.GetNodeRoles();
        services.TryAddSingleton(TimeProvider.System);
        services.AddNode(configuration);
        services.AddLedger(configuration, contentRoot);
        services.AddCandleArchive(configuration, contentRoot, roles);
        services.AddAlerts(configuration, roles);
        services.AddKafkaBus(configuration);
        services.AddClusterMembership(configuration);
        services.AddStrategies(configuration, contentRoot);
        services.AddEngine(configuration, roles);
        services.AddStreams(roles);
        services.AddMarketData(configuration, roles);
        services.AddPipelineDiagnostics();
        services.AddConfiguredPathChecks(configuration, contentRoot, roles);
        services.OrderNodeParts();
        return roles;
    }
}
