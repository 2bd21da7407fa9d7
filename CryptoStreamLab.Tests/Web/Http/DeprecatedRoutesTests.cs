using System.Net;
using System.Text.Json;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.OpenApi;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// The routes from before <c>/api/v1</c> answer with their successor's handler and body, say they are deprecated (RFC 9745
/// <c>Deprecation</c>, a <c>Link</c> to the successor) and are listed in the OpenAPI document as deprecated.
/// </summary>
public sealed class DeprecatedRoutesTests(ApiTestApp fixture) : IClassFixture<ApiTestApp>
{
    /// <summary>Every old route with its successor; the last element says whether the body is the same byte for byte.</summary>
    public static readonly TheoryData<string, string, bool> Routes = new()
    {
        { "/api/streams/LTCUSDT/1m", "/api/v1/streams/LTCUSDT/1m", true },
        { $"/api/streams/LTCUSDT/1m/candles?before={ApiTestApp.Sample[2_000].OpenTime}&limit=7", $"/api/v1/streams/LTCUSDT/1m/candles?before={ApiTestApp.Sample[2_000].OpenTime}&limit=7", true },
        // These carry the time they were made and live counters: the same document, field for field.
        { "/api/status", "/api/v1/status", false },
        { "/api/cluster", "/api/v1/cluster", false },
        { "/api/kafka", "/api/v1/kafka", false },
    };

    /// <summary>Every field <c>/api/status</c> had before <c>/api/v1</c> (its top level and a stream's), by name.</summary>
    private static readonly string[] StatusFields = ["time", "node", "restoring", "source", "kafka", "ledger", "archive", "alerts", "streams"];

    private static readonly string[] StatusStreamFields =
    [
        "symbol", "interval", "candles", "lastClose", "lastCandle", "lastSignal", "position", "cash", "equity", "pnlPercent", "fills",
        "rejectedUpdates", "lastUpdate", "owner",
    ];

    private InProcessApp App => fixture.App;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_old_route_answers_with_its_successor_s_body_and_says_it_is_deprecated(string old, string successor, bool sameBytes)
    {
        using var fromOld = await App.Client.GetAsync(old);
        using var fromNew = await App.Client.GetAsync(successor);
        fromOld.StatusCode.Should().Be(HttpStatusCode.OK);
        fromNew.StatusCode.Should().Be(HttpStatusCode.OK);
        var oldBody = await fromOld.Content.ReadAsStringAsync();
        var newBody = await fromNew.Content.ReadAsStringAsync();
        if (sameBytes) oldBody.Should().Be(newBody);
        using (JsonDocument oldJson = JsonDocument.Parse(oldBody), newJson = JsonDocument.Parse(newBody))
            FieldNames(oldJson.RootElement).Should().Equal(FieldNames(newJson.RootElement));
        fromOld.Content.Headers.ContentType!.ToString().Should().Be(fromNew.Content.Headers.ContentType!.ToString());

        ShouldBeDeprecated(fromOld, successor.Split('?')[0]);
        fromNew.Headers.Contains("Deprecation").Should().BeFalse("the successor is not deprecated");
        fromNew.Headers.Contains("Link").Should().BeFalse();
    }

    [Fact]
    public async Task An_old_route_s_errors_are_its_successor_s_and_deprecated_too()
    {
        using var fromOld = await App.Client.GetAsync("/api/streams/NOPE/1m");
        using var fromNew = await App.Client.GetAsync("/api/v1/streams/NOPE/1m");

        var oldProblem = await StreamApiTests.ShouldBeProblemAsync(fromOld, HttpStatusCode.NotFound, "NOPE 1m is not a stream this node knows");
        var newProblem = await StreamApiTests.ShouldBeProblemAsync(fromNew, HttpStatusCode.NotFound, "NOPE 1m is not a stream this node knows");
        oldProblem.GetProperty("detail").GetString().Should().Be(newProblem.GetProperty("detail").GetString());
        ShouldBeDeprecated(fromOld, "/api/v1/streams/NOPE/1m");
    }

    [Fact]
    public async Task The_v1_status_has_every_field_the_old_status_had_under_the_same_name_and_form()
    {
        using var fromOld = JsonDocument.Parse(await App.Client.GetStringAsync("/api/status"));
        using var fromNew = JsonDocument.Parse(await App.Client.GetStringAsync("/api/v1/status"));

        foreach (var status in new[] { fromOld.RootElement, fromNew.RootElement })
        {
            status.EnumerateObject().Select(p => p.Name).Should().Contain(StatusFields);
            var stream = status.GetProperty("streams")[0];
            stream.EnumerateObject().Select(p => p.Name).Should().Contain(StatusStreamFields);
            stream.GetProperty("lastUpdate").ValueKind.Should().Be(JsonValueKind.String, "an ISO-8601 time, as it has always been");
            DateTimeOffset.Parse(stream.GetProperty("lastUpdate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                .Should().BeAfter(DateTimeOffset.UnixEpoch);
            stream.GetProperty("lastCandle").EnumerateObject().Select(p => p.Name).Should().Equal("openTime", "open", "high", "low", "close", "closed");
            status.GetProperty("node").EnumerateObject().Select(p => p.Name).Should().Equal("id", "roles");
        }
        FieldNames(fromNew.RootElement).Should().Contain(FieldNames(fromOld.RootElement), "nothing the old document had is missing");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_old_routes_as_deprecated_and_their_successors_as_current()
    {
        var document = OpenApiDocument.Parse(await App.Client.GetStringAsync("/openapi/v1.json"), OpenApiConstants.Json).Document!;

        foreach (var (old, successor) in new[]
                 {
                     ("/api/status", "/api/v1/status"), ("/api/cluster", "/api/v1/cluster"), ("/api/kafka", "/api/v1/kafka"),
                     ("/api/streams/{symbol}/{interval}", "/api/v1/streams/{symbol}/{interval}"),
                     ("/api/streams/{symbol}/{interval}/candles", "/api/v1/streams/{symbol}/{interval}/candles"),
                 })
        {
            var deprecated = document.Paths[old].Operations![HttpMethod.Get];
            deprecated.Deprecated.Should().BeTrue(old);
            deprecated.Description.Should().Contain(successor, old);
            var current = document.Paths[successor].Operations![HttpMethod.Get];
            current.Deprecated.Should().BeFalse(successor);
            deprecated.OperationId.Should().Be(current.OperationId + "Deprecated");
        }
        document.Paths.Where(p => !p.Key.StartsWith("/api/v1/", StringComparison.Ordinal)).Should().HaveCount(5, "only the five old routes");
    }

    private static void ShouldBeDeprecated(HttpResponseMessage response, string successor)
    {
        var deprecation = response.Headers.GetValues("Deprecation").Should().ContainSingle().Subject;
        deprecation.Should().MatchRegex(@"^@\d+$", "RFC 9745: a structured-field date, @ and Unix seconds");
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(deprecation[1..], System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeBefore(DateTimeOffset.UtcNow, "the routes are deprecated already");
        response.Headers.GetValues("Link").Should().Equal($"<{successor}>; rel=\"successor-version\"");
    }

    /// <summary>Every property path of a document (array items merged), sorted.</summary>
    private static List<string> FieldNames(JsonElement element)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(element, "", names);
        return [.. names];
    }

    private static void Collect(JsonElement element, string path, SortedSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(path + property.Name);
                Collect(property.Value, path + property.Name + ".", names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, path + "[].", names);
        }
    }
}
