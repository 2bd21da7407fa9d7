using CryptoStreamLab.Node.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http;

/// <summary><c>GET /cluster</c>: this node and every node it has heard from on the state topic.</summary>
public static class ClusterEndpoints
{
    public sealed record ClusterNode(string Id, string Roles, IReadOnlyList<string> Streams, DateTimeOffset LastSeen, bool Alive);

    public sealed record ClusterStatus(DateTimeOffset Time, NodeStatus Node, bool EnginePublishing, IReadOnlyList<ClusterNode> Nodes);

    internal static RouteHandlerBuilder MapCluster(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/cluster", Get)
            .WithName("GetCluster")
            .WithTags(StatusEndpoints.Tag)
            .WithSummary("This node and every node of the cluster")
            .WithDescription("Every node this one has heard from on the state topic: its roles, the streams its engine runs, when it was " +
                "last heard from and whether that is recent enough to count as alive; and whether any engine is publishing. " +
                "Field names are camelCase, times ISO-8601, as they have always been.");

    private static Ok<ClusterStatus> Get(ClusterView cluster, IOptions<NodeOptions> node, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var nodes = cluster.Nodes()
            .Select(n => new ClusterNode(n.Id, n.Roles, n.Streams, n.LastSeen, now - n.LastSeen <= ClusterView.Liveness))
            .ToList();
        return TypedResults.Ok(new ClusterStatus(now, NodeStatus.Of(node.Value), cluster.EnginePublishing(now), nodes));
    }
}
