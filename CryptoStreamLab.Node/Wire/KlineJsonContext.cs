using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>Source-generated JSON for the candle topic's messages: camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KlineMessage))]
internal sealed partial class KlineJsonContext : JsonSerializerContext;
