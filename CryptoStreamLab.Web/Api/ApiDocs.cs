using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CryptoStreamLab.Web.Api;

/// <summary>
/// The OpenAPI document of <c>/api/v1</c> at <c>/openapi/v1.json</c> and an interactive reference at <c>/api/docs</c>. The
/// reference's script is served by the app itself, and its web fonts, telemetry and assistant are off, so it works offline.
/// </summary>
internal static class ApiDocs
{
    public const string DocumentName = "v1";

    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
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
