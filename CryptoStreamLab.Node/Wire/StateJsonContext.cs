using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// Source-generated JSON for the state topic: camelCase, absent fields for nulls, <c>type</c> anywhere in the object
/// (first when this app writes it); a null where the format has none, or a fill or account without one of its fields, is refused.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StateMessage))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
