
namespace CryptoStreamLab.Node.Cluster;

/// <summary>A node as this one last heard of it: its roles, the streams its engine owned, and when it was last alive.</summary>
public sealed record NodeSeen(string Id, string Roles, IReadOnlyList<string> Streams, DateTimeOffset LastSeen)
{
    /// <summary>True when <see cref="Roles"/> (comma-separated, any case) names <paramref name="role"/>.</summary>
    public bool Has(NodeRoles role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries).Any(r => string.Equals(r, role.ToString(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The nodes of the cluster this node has heard from, fed by their heartbeats on the state topic. Thread-safe: the state
/// consumer records while the dashboard and <c>/api/cluster</c> read.
/// </summary>
public sealed class ClusterView : IHeartbeatSink
{
    /// <summary>A node not heard from for longer than this is taken for gone.</summary>
    public static readonly TimeSpan Liveness = TimeSpan.FromSeconds(10);

    /// <summary>Nodes kept at most; beyond it the one heard from longest ago is forgotten (ids come from the topic).</summary>
    public const int MaxNodes = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (NodeSeen Seen, long Time)> _nodes = new(StringComparer.Ordinal);

    /// <summary>
    /// Records a heartbeat received at <paramref name="receivedAt"/>. The node counts as seen when it sent the heartbeat,
    /// never later than it was received: a retained heartbeat read again at start does not make a gone node look alive.
    /// A heartbeat older than one already recorded only extends when the node was last seen.
    /// </summary>
    public void Record(NodeHeartbeat heartbeat, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        if (string.IsNullOrWhiteSpace(heartbeat.Node)) throw new ArgumentException("A heartbeat must name its node.", nameof(heartbeat));
        var sent = heartbeat.Time > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(heartbeat.Time) : receivedAt;
        var seen = new NodeSeen(heartbeat.Node, heartbeat.Roles ?? "", [.. heartbeat.Streams ?? []], sent < receivedAt ? sent : receivedAt);
        lock (_gate)
        {
            if (_nodes.TryGetValue(seen.Id, out var known))
            {
                var lastSeen = seen.LastSeen > known.Seen.LastSeen ? seen.LastSeen : known.Seen.LastSeen;
                _nodes[seen.Id] = heartbeat.Time >= known.Time
                    ? (seen with { LastSeen = lastSeen }, heartbeat.Time)
                    : (known.Seen with { LastSeen = lastSeen }, known.Time);
                return;
            }
            if (_nodes.Count >= MaxNodes) _nodes.Remove(_nodes.Values.MinBy(n => n.Seen.LastSeen).Seen.Id);
            _nodes[seen.Id] = (seen, heartbeat.Time);
        }
    }

    /// <summary>Every node heard from, by id.</summary>
    public IReadOnlyList<NodeSeen> Nodes()
    {
        lock (_gate) return _nodes.Values.Select(n => n.Seen).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>True when a node with the Engine role was heard from within <see cref="Liveness"/> of <paramref name="now"/>.</summary>
    public bool EnginePublishing(DateTimeOffset now)
    {
        lock (_gate) return _nodes.Values.Any(n => n.Seen.Has(NodeRoles.Engine) && now - n.Seen.LastSeen <= Liveness);
    }
}
