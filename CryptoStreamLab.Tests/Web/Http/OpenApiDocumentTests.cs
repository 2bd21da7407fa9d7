using System.Net;
using System.Text.RegularExpressions;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the reference at <c>/api/docs</c>, which needs nothing from the internet.</summary>
public sealed partial class OpenApiDocumentTests(ApiTestApp fixture) : IClassFixture<ApiTestApp>
{
    private InProcessApp App => fixture.App;

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_and_lists_every_v1_endpoint_with_its_responses()
    {
        var json = await App.Client.GetStringAsync("/openapi/v1.json");

        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        read.Diagnostic!.Errors.Should().BeEmpty();
        read.Diagnostic.SpecificationVersion.Should().BeOneOf(OpenApiSpecVersion.OpenApi3_0, OpenApiSpecVersion.OpenApi3_1);
        var document = read.Document!;
        document.Validate(ValidationRuleSet.GetDefaultRuleSet()).Should().BeEmpty();
        document.Info.Title.Should().Be("CryptoStreamLab API");

        // Every /api route but the reference page: /api/v1 and the deprecated routes before it.
        var mapped = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) &&
                        !e.RoutePattern.RawText.StartsWith("/api/docs", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m)))
            .ToList();
        mapped.Count(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal)).Should().Be(11);
        mapped.Should().HaveCount(16, "eleven /api/v1 routes and the five from before them");
        var documented = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Method: o.Key.Method))).ToList();
        documented.Should().BeEquivalentTo(mapped);
        document.Paths.Where(p => !p.Key.StartsWith("/api/v1/")).Should()
            .OnlyContain(p => p.Value.Operations!.Values.All(o => o.Deprecated), "outside /api/v1 the document lists only deprecated routes");
        document.Paths.SelectMany(p => p.Value.Operations!.Values.Select(o => o.OperationId)).Should().OnlyHaveUniqueItems();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var at = $"{method} {path}";
                operation.Summary.Should().NotBeNullOrWhiteSpace(at);
                operation.OperationId.Should().NotBeNullOrWhiteSpace(at);
                operation.Responses!.Keys.Should().Contain(key => key.StartsWith('2'), at);
                if (path.Contains("{symbol}"))
                {
                    operation.Responses.Should().ContainKey("404", at);
                    operation.Responses["404"].Content!.Keys.Should().Equal(["application/problem+json"], at);
                }
            }
        }
        document.Paths["/api/v1/streams/{symbol}/{interval}/candles"].Operations![HttpMethod.Get].Responses!.Keys.Should().Contain("400");
        document.Paths["/api/v1/streams/{symbol}/{interval}/at"].Operations![HttpMethod.Get].Responses!.Keys.Should().Contain(["200", "400", "404", "503"]);
        document.Paths["/api/v1/streams/{symbol}/{interval}/events"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys
            .Should().Equal("text/event-stream");
        document.Paths["/api/v1/streams/{symbol}/{interval}/reset"].Operations![HttpMethod.Post].Responses!.Keys.Should().Contain(["200", "202", "413"]);
    }

    [Fact]
    public async Task The_document_describes_the_wire_names_snake_case()
    {
        var json = await App.Client.GetStringAsync("/openapi/v1.json");
        var document = OpenApiDocument.Parse(json, OpenApiConstants.Json).Document!;

        var candle = document.Components!.Schemas!["ApiCandle"];
        candle.Properties!.Keys.Should().Contain(["open_time", "ma_fast", "ma_slow", "rsi", "signal", "action"]);
        candle.Properties["close"].Type.Should().Be(JsonSchemaType.Number, "decimals are JSON numbers");
        document.Components.Schemas["ApiStreamSummary"].Properties!.Keys.Should().Contain(["last_close", "pnl_percent", "last_update"]);
        document.Components.Schemas["ApiStreamAt"].Properties!.Keys.Should().Contain(["as_of", "account_as_of", "starting_balance", "series", "fills"]);
    }

    [Fact]
    public async Task The_reference_page_and_its_scripts_come_from_the_app_itself()
    {
        using var redirect = await App.Client.GetAsync("/api/docs");
        ((int)redirect.StatusCode).Should().BeOneOf(200, 301, 302);

        using var response = await App.Client.GetAsync("/api/docs/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("CryptoStreamLab API");
        AbsoluteUrl().Matches(html).Select(m => m.Value).Should().BeEmpty("the page references no other host");
        html.Should().Contain("\"withDefaultFonts\":false").And.Contain("\"telemetry\":false");

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        scripts.Should().NotBeEmpty();
        foreach (var script in scripts)
        {
            using var asset = await App.Client.GetAsync(new Uri(new Uri("http://localhost/api/docs/"), script));
            asset.StatusCode.Should().Be(HttpStatusCode.OK, script);
            (await asset.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(100, script);
        }
    }

    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
