using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// The JSON value of one message on the state topic. Its <c>type</c> says which of three it is, so any reader
/// (another node, kcat + jq, a script) can switch on that one field: <see cref="EvaluationMessage"/> ("evaluation", key =
/// stream id), <see cref="ResetMessage"/> ("reset", key = stream id) or <see cref="HeartbeatMessage"/> ("node", key = node:ID).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = TypeProperty)]
[JsonDerivedType(typeof(EvaluationMessage), EvaluationType)]
[JsonDerivedType(typeof(ResetMessage), ResetType)]
[JsonDerivedType(typeof(HeartbeatMessage), NodeType)]
public abstract record StateMessage
{
    /// <summary>The discriminator: the JSON property that names the message's type, written first.</summary>
    public const string TypeProperty = "type";

    public const string EvaluationType = "evaluation", ResetType = "reset", NodeType = "node";

    /// <summary>The id of the node that wrote the message.</summary>
    [JsonPropertyOrder(1)]
    public required string Node { get; init; }

    /// <summary>When it was written (epoch ms).</summary>
    [JsonPropertyOrder(2)]
    public required long Time { get; init; }
}
