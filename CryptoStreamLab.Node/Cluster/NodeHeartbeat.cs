namespace CryptoStreamLab.Node.Cluster;

/// <summary>A node's periodic announcement of itself: its roles and the streams its engine owns.</summary>
public sealed record NodeHeartbeat(string Node, string Roles, IReadOnlyList<string> Streams, long Time);
