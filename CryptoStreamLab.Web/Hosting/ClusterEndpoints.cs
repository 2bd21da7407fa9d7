using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Diagnostics;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>This node in <c>/api/status</c> and <c>/api/cluster</c>: its id and its roles in their canonical spelling.</summary>
public sealed record NodeStatus(string Id, string Roles)
{
    public static NodeStatus Of(NodeOptions options) => new(options.EffectiveId, NodeOptions.Describe(options.ParsedRoles));
}

/// <summary><c>GET /api/cluster</c>: this node and every node it has heard from on the state topic.</summary>
public static class ClusterEndpoints
{
    public sealed record ClusterNode(string Id, string Roles, IReadOnlyList<string> Streams, DateTimeOffset LastSeen, bool Alive);

    public sealed record ClusterStatus(DateTimeOffset Time, NodeStatus Node, bool EnginePublishing, IReadOnlyList<ClusterNode> Nodes);

    public static IEndpointRouteBuilder MapCluster(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cluster", (ClusterView cluster, IOptions<NodeOptions> node, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var nodes = cluster.Nodes()
                .Select(n => new ClusterNode(n.Id, n.Roles, n.Streams, n.LastSeen, now - n.LastSeen <= ClusterView.Liveness))
                .ToList();
            return Results.Ok(new ClusterStatus(now, NodeStatus.Of(node.Value), cluster.EnginePublishing(now), nodes));
        });
        return endpoints;
    }
}
