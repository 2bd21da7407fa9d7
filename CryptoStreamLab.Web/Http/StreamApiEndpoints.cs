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
            .WithDescription("The streams this node knows (configured ones first), each with its newest candle, last signal, paper account and the node whose engine runs it.");

        group.MapStream();

        group.MapGet("/streams/{symbol}/{interval}/fills", Results<Ok<ApiFillLog>, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                StreamDirectory market) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                var fills = market.Snapshot(key).Fills;
                return TypedResults.Ok(new ApiFillLog(key.Symbol, key.Interval.ToCode(), fills.Select(f => ApiMapping.Fill(f)).ToList()));
            })
            .WithName("GetFills")
            .WithTags(Tag)
            .WithSummary("The stream's trading log")
            .WithDescription("Every paper trade since the account's last reset (the newest 1,000), oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/streams/{symbol}/{interval}/equity", Results<Ok<ApiEquityCurve>, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                StreamDirectory market) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                var s = market.Snapshot(key);
                return TypedResults.Ok(new ApiEquityCurve(key.Symbol, key.Interval.ToCode(), s.StartingBalance,
                    s.EquityCurve.Select(p => ApiMapping.Point(p)).ToList()));
            })
            .WithName("GetEquity")
            .WithTags(Tag)
            .WithSummary("The stream's equity curve")
            .WithDescription("The account's value after each closed candle since its last reset, as far back as the candle buffer, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary><c>GET /streams/{symbol}/{interval}</c>: the stream's <see cref="ApiStreamSummary"/>.</summary>
    public static RouteHandlerBuilder MapStream(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/streams/{symbol}/{interval}", Results<Ok<ApiStreamSummary>, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                StreamDirectory market) =>
                StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)
                    ? TypedResults.Ok(ApiMapping.Summary(market, key))
                    : notFound!)
            .WithName("GetStream")
            .WithTags(Tag)
            .WithSummary("One stream's summary")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
