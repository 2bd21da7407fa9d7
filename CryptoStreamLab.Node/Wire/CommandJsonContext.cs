using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>Source-generated JSON for the commands topic's messages: camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CommandMessage))]
internal sealed partial class CommandJsonContext : JsonSerializerContext;
