using System.ComponentModel;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Http;

/// <summary><c>GET /streams</c>, <c>GET /streams/{symbol}/{interval}</c>, its <c>/fills</c> and its <c>/equity</c>.</summary>
internal static class StreamApiEndpoints
{
    public const string Tag = "Streams";

    /// <summary>The list, one stream, its fills and its equity curve.</summary>
    public static RouteGroupBuilder MapStreamApi(this RouteGroupBuilder group)
    {
        group.MapGet("/streams", (StreamDirectory market) =>
                TypedResults.Ok(new ApiStreamList(market.Keys.Select(key => ApiMapping.Summary(market, key)).ToList())))
            .WithName("ListStreams")
            .WithTags(Tag)
            .WithSummary("Every stream with its summary")
            .WithDescription("The streams this node knows (configured ones first), each with its newest candle, last signal, paper account and " +
                "the node whose engine runs it (those of the stream's first strategy), and every strategy that runs on it in `strategies`.");

        group.MapStream();

        group.MapGet("/streams/{symbol}/{interval}/fills", Results<Ok<ApiFillLog>, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                [Description(StrategyRoute.Description)] string? strategy,
                StreamDirectory market) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                if (!StrategyRoute.TryResolve(market, key, market.Snapshot(key), strategy, out var view, out notFound)) return notFound!;
                return TypedResults.Ok(new ApiFillLog(key.Symbol, key.Interval.ToCode(), view.Name,
                    view.Snapshot.Fills.Select(f => ApiMapping.Fill(f)).ToList()));
            })
            .WithName("GetFills")
            .WithTags(Tag)
            .WithSummary("The stream's trading log")
            .WithDescription("Every paper trade of the strategy's account (the stream's first strategy unless `strategy` names another) since " +
                "its last reset (the newest 1,000), oldest first. An unknown strategy is a 404 naming those that run on the stream.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/streams/{symbol}/{interval}/equity", Results<Ok<ApiEquityCurve>, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                [Description(StrategyRoute.Description)] string? strategy,
                StreamDirectory market) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                if (!StrategyRoute.TryResolve(market, key, market.Snapshot(key), strategy, out var view, out notFound)) return notFound!;
                var s = view.Snapshot;
                return TypedResults.Ok(new ApiEquityCurve(key.Symbol, key.Interval.ToCode(), view.Name, s.StartingBalance,
                    s.EquityCurve.Select(p => ApiMapping.Point(p)).ToList()));
            })
            .WithName("GetEquity")
            .WithTags(Tag)
            .WithSummary("The stream's equity curve")
            .WithDescription("The value of the strategy's account (the stream's first strategy unless `strategy` names another) after each " +
                "closed candle since its last reset, as far back as the candle buffer, oldest first. An unknown strategy is a 404 naming " +
                "those that run on the stream.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary><c>GET /streams/{symbol}/{interval}</c>: the stream's <see cref="ApiStreamSummary"/>.</summary>
    public static RouteHandlerBuilder MapStream(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/streams/{symbol}/{interval}", Results<Ok<ApiStreamSummary>, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                [Description("The strategy whose signal and account the summary's own fields show, by name (case-insensitive). Default: the " +
                    "stream's first strategy. `strategies` lists every strategy either way.")] string? strategy,
                StreamDirectory market) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                var snapshot = market.Snapshot(key);
                if (!StrategyRoute.TryResolve(market, key, snapshot, strategy, out var view, out notFound)) return notFound!;
                return TypedResults.Ok(ApiMapping.Summary(market, key, snapshot, view));
            })
            .WithName("GetStream")
            .WithTags(Tag)
            .WithSummary("One stream's summary")
            .WithDescription("The stream's newest candle, the node that runs it, the last signal and paper account of its first strategy (or " +
                "the one `strategy` names), and in `strategies` every strategy that runs on it: name, type, equity, P&L, fills, last signal " +
                "and its series on the newest candle by name.")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
