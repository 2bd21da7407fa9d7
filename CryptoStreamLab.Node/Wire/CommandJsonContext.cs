using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>Source-generated JSON for the commands topic's messages: camelCase, absent fields for nulls.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CommandMessage))]
internal sealed partial class CommandJsonContext : JsonSerializerContext;
