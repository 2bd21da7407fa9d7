using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// The OpenAPI document of <c>/api/v1</c> (and of the deprecated routes before it, marked so) at <c>/openapi/v1.json</c> and an interactive reference at <c>/api/docs</c>. The
/// reference's script is served by the app itself, and its web fonts, telemetry and assistant are off, so it works offline.
/// </summary>
internal static class ApiDocs
{
    public const string DocumentName = "v1";

    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true
                || IsDeprecated(description.ActionDescriptor.EndpointMetadata);
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (!IsDeprecated(context.Description.ActionDescriptor.EndpointMetadata)) return Task.CompletedTask;
                // The relative path has no leading slash: "api/status" is succeeded by "/api/v1/status".
                var successor = ApiV1.Prefix + context.Description.RelativePath![(DeprecatedRoutes.Prefix.Length - 1)..];
                operation.Deprecated = true;
                operation.Description = $"Deprecated: use {successor}, which this route answers for with the same body. Its responses " +
                    $"carry `Deprecation: {DeprecatedRoutes.DeprecationHeader}` and `Link: <{successor}>; rel=\"successor-version\"`.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CryptoStreamLab API",
                    Version = DocumentName,
                    Description = "Live candles with the SMA-crossover + RSI strategy's view of them, the paper accounts' trading logs and " +
                        "equity curves, and a Server-Sent Events stream of each stream's candles, signals and fills. JSON names are " +
                        "snake_case, times are epoch milliseconds (UTC), prices and amounts exact decimals as JSON numbers, and an " +
                        "indicator still warming up is null. Errors are RFC 7807 problem details.",
                };
                return Task.CompletedTask;
            });
        });

    private static bool IsDeprecated(IList<object> metadata) => metadata.OfType<DeprecatedRoute>().Any();

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference(DocsPath, options => options
            .WithTitle("CryptoStreamLab API")
            .AddDocument(DocumentName)
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools());
        return endpoints;
    }
}
