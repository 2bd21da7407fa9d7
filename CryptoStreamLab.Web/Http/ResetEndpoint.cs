using System.ComponentModel;
using System.Text.Json;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// <c>POST /streams/{symbol}/{interval}/reset?strategy=</c>: the dashboard's "Reset account", for programs: the named strategy's
/// account, or every strategy's of the stream without one. 200 with the stream's summary when this node runs the stream's
/// engine (the reset is recorded in the ledger and published), 202 when the command went to the node that does. No body is
/// needed; an empty JSON object is accepted, anything else is a 400.
/// </summary>
internal static class ResetEndpoint
{
    public static RouteGroupBuilder MapReset(this RouteGroupBuilder group)
    {
        group.MapPost("/streams/{symbol}/{interval}/reset", async Task<Results<Ok<ApiStreamSummary>, Accepted<ApiStreamSummary>, ProblemHttpResult>> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                [Description("The strategy whose account to reset, by name (case-insensitive). Default: every strategy's on the stream.")] string? strategy,
                HttpRequest request, StreamDirectory market, IOptions<ApiOptions> options) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                if (!StrategyRoute.Check(market, key, strategy, out var name, out notFound)) return notFound!;
                if (await CheckBodyAsync(request, options.Value.MaxRequestBodyBytes) is { } problem) return problem;
                var owner = market.Owner(key);
                market.ResetAccount(key, name);
                var summary = ApiMapping.Summary(market, key);
                return owner is not null && owner != market.Node ? TypedResults.Accepted((string?)null, summary) : TypedResults.Ok(summary);
            })
            .WithName("ResetAccount")
            .WithTags(StreamApiEndpoints.Tag)
            .WithSummary("Reset the stream's paper account")
            .WithDescription("The account of the strategy `strategy` names, or of every strategy on the stream without it, goes back to the " +
                "starting balance with no position; its trading log and equity curve start afresh, the reset is recorded in the ledger. 200 " +
                "when this node runs the stream's engine, 202 when the reset was sent to the node that does. An unknown strategy is a 404 " +
                "naming those that run on the stream.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    /// <summary>Null for no body or an empty JSON object; a 413 past the limit, a 400 for anything else.</summary>
    private static async Task<ProblemHttpResult?> CheckBodyAsync(HttpRequest request, int limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(limit + 1, 8_192)];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return RequestLimits.TooLarge(limit);
        }
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return null;
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray());
            if (json.RootElement.ValueKind == JsonValueKind.Object && !json.RootElement.EnumerateObject().Any()) return null;
            return TypedResults.Problem("A reset takes no parameters: send no body, or {}.", statusCode: StatusCodes.Status400BadRequest,
                title: "Unexpected request body");
        }
        catch (JsonException e)
        {
            return TypedResults.Problem($"The request body is not JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed request body");
        }
    }
}
