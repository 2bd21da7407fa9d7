using System.Text.Json.Serialization;
using CryptoStreamLab.Node.Bus;

namespace CryptoStreamLab.Web.Http;

/// <summary>Source-generated JSON for <c>GET /kafka</c>: the backbone's counters with camelCase names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KafkaStatusSnapshot))]
internal sealed partial class KafkaStatusJsonContext : JsonSerializerContext;
