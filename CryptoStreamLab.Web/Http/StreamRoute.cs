using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Http;

/// <summary>The <c>{symbol}/{interval}</c> of a stream route: a stream this node knows, or a 404 problem saying why not.</summary>
internal static class StreamRoute
{
    public static bool TryParse(string symbol, string interval, out StreamKey key, out ProblemHttpResult? notFound)
    {
        key = default;
        notFound = null;
        if (!SymbolRules.IsValid(symbol)) notFound = NotFound($"'{symbol}' is not a symbol: {SymbolRules.Description}");
        else if (!KlineIntervals.TryParse(interval, out var parsed))
            notFound = NotFound($"'{interval}' is not a kline interval; use one of {string.Join(", ", KlineIntervals.Codes)}.");
        else key = new StreamKey(symbol, parsed);
        return notFound is null;
    }

    /// <summary>A stream of this node's (configured, or seen since).</summary>
    public static bool TryResolve(StreamDirectory market, string symbol, string interval, out StreamKey key, out ProblemHttpResult? notFound)
    {
        if (!TryParse(symbol, interval, out key, out notFound)) return false;
        if (market.Contains(key)) return true;
        notFound = NotFound($"{key} is not a stream this node knows; GET /api/v1/streams lists them.");
        return false;
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Unknown stream");

    /// <summary>A 400 problem naming the parameter at fault.</summary>
    public static ProblemHttpResult BadParameter(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid parameter '{parameter}'",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
