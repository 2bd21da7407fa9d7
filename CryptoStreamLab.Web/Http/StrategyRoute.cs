using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// The <c>strategy</c> query parameter of a stream route: one of the strategies that run on the stream (case-insensitive),
/// the stream's first when absent, or a 404 problem naming those that do run there.
/// </summary>
internal static class StrategyRoute
{
    public const string Description = "The strategy whose view to show, by name (case-insensitive; GET the stream to list them). " +
        "Default: the stream's first strategy.";

    public static bool TryResolve(StreamDirectory market, StreamKey key, StreamSnapshot snapshot, string? strategy, out StrategyView view,
        out ProblemHttpResult? notFound)
    {
        var found = StrategyView.Find(market, key, snapshot, strategy);
        view = found!;
        notFound = found is null ? NotFound(market, key, snapshot, strategy!) : null;
        return found is not null;
    }

    /// <summary>Whether <paramref name="strategy"/> runs on the stream (true when absent: every strategy).</summary>
    public static bool Check(StreamDirectory market, StreamKey key, string? strategy, out string? name, out ProblemHttpResult? notFound)
    {
        name = null;
        notFound = null;
        if (string.IsNullOrWhiteSpace(strategy)) return true;
        var snapshot = market.Snapshot(key);
        if (!TryResolve(market, key, snapshot, strategy, out var view, out notFound)) return false;
        name = view.Name;
        return true;
    }

    private static ProblemHttpResult NotFound(StreamDirectory market, StreamKey key, StreamSnapshot snapshot, string strategy)
    {
        var names = string.Join(", ", StrategyView.All(market, key, snapshot).Select(v => v.Name));
        return TypedResults.Problem($"'{strategy.Trim()}' is not a strategy that runs on {key}; strategies there: {names}.",
            statusCode: StatusCodes.Status404NotFound, title: "Unknown strategy",
            extensions: new Dictionary<string, object?> { ["parameter"] = "strategy" });
    }
}
