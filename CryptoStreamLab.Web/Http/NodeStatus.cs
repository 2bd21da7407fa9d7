using CryptoStreamLab.Node.Cluster;

namespace CryptoStreamLab.Web.Http;

/// <summary>This node in <c>/api/v1/status</c> and <c>/api/v1/cluster</c>: its id and its roles in their canonical spelling.</summary>
public sealed record NodeStatus(string Id, string Roles)
{
    public static NodeStatus Of(NodeOptions options) => new(options.EffectiveId, NodeOptions.Describe(options.ParsedRoles));
}
