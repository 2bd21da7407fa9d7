using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>"node": a node's periodic announcement of itself (key = node:ID): its roles and the streams its engine owns.</summary>
public sealed record HeartbeatMessage : StateMessage
{
    /// <summary>The node's roles, comma-separated (Engine,Dashboard).</summary>
    [JsonPropertyOrder(3)]
    public string Roles { get; init; } = "";

    /// <summary>The ids of the streams its engine owns.</summary>
    [JsonPropertyOrder(4)]
    public IReadOnlyList<string> Streams { get; init; } = [];
}
