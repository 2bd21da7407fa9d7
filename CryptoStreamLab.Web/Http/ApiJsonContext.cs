using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CryptoStreamLab.Web.Http;

/// <summary>Source-generated JSON for every /api/v1 document: snake_case names, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiStreamList))]
[JsonSerializable(typeof(ApiStreamSummary))]
[JsonSerializable(typeof(ApiCandlePage))]
[JsonSerializable(typeof(ApiCandle))]
[JsonSerializable(typeof(ApiSignal))]
[JsonSerializable(typeof(ApiFill))]
[JsonSerializable(typeof(ApiFillLog))]
[JsonSerializable(typeof(ApiEquityCurve))]
[JsonSerializable(typeof(ApiStreamAt))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context for the app's HTTP JSON options (responses and the OpenAPI document's schemas). Used with other options, a
    /// context names properties by those options' policy rather than its own, so its objects' properties are renamed to
    /// snake_case here: the names are the same whichever options serialize them.
    /// </summary>
    public static IJsonTypeInfoResolver Resolver => field ??= Default.WithAddedModifier(static info =>
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        // Written, never read: numbers are numbers (the web defaults would also describe them as strings).
        info.NumberHandling = JsonNumberHandling.Strict;
        foreach (var property in info.Properties) property.Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
    });
}
