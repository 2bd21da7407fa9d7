using System.ComponentModel;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// <c>GET /streams/{symbol}/{interval}/candles?from=&amp;to=&amp;before=&amp;limit=&amp;strategy=</c>: closed candles with a
/// strategy's view of each, from the live buffer and the archive, a page at a time.
/// </summary>
internal static class CandleApiEndpoints
{
    public static RouteHandlerBuilder MapCandles(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/streams/{symbol}/{interval}/candles", GetAsync)
            .WithName("GetCandles")
            .WithTags(StreamApiEndpoints.Tag)
            .WithSummary("Closed candles with moving averages, RSI, signal and action")
            .WithDescription("The newest `limit` closed candles opening in [from, to), oldest first, with the view of the stream's first strategy " +
                "(or the one `strategy` names): its series by name in `series` (and `ma_fast`, `ma_slow`, `rsi` for the seed's crossover + RSI). " +
                "Recent ones come from the live buffer with the engine's own signal and action (what the paper account did); older ones from " +
                "the archive, their series and signal computed over the candles just before them and their action taken from the trading " +
                "log. To page back, pass the first candle's open_time as the next `before` (or `to`): `more` is false, or the page empty, " +
                "once nothing older is known. An unknown strategy is a 404 naming those that run on the stream.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<ApiCandlePage>, ProblemHttpResult>> GetAsync(
        [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
        [Description("Kline interval, e.g. 1m.")] string interval,
        [Description("Earliest open time, inclusive: epoch milliseconds or ISO-8601 (UTC unless an offset is given). Default: none.")] string? from,
        [Description("Latest open time, exclusive: epoch milliseconds or ISO-8601. Default: none (up to the newest closed candle).")] string? to,
        [Description("The same bound as `to` under the name the paging clients use: pass the first candle's open_time to get the page before it. Give `to` or `before`, not both.")] string? before,
        [Description("How many candles, 1 to 1000 (default 500): the newest of the range.")] string? limit,
        [Description(StrategyRoute.Description)] string? strategy,
        StreamDirectory market, CandleArchive archive, StreamCandleReader candles, CancellationToken cancellation)
    {
        if (!StreamRoute.TryParse(symbol, interval, out var key, out var notFound)) return notFound!;
        var known = market.Contains(key);
        if (!known && !archive.Reader.Streams().Contains(key))
            return StreamRoute.NotFound($"{key} is not a stream this node or its archive knows.");
        var snapshot = known ? market.Snapshot(key) : StreamSnapshot.Empty(key, 0);
        if (!StrategyRoute.TryResolve(market, key, snapshot, strategy, out var view, out notFound)) return notFound!;
        if (!CandleQuery.TryParse(from, to, before, limit, out var query, out var invalid)) return invalid!;

        var read = await candles.ReadAsync(key, view, query, cancellation);
        if (read.Error is not null)
            return TypedResults.Problem(read.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Archive unavailable");
        long? end = query.To == long.MaxValue ? null : query.To;
        return TypedResults.Ok(new ApiCandlePage(key.Symbol, key.Interval.ToCode(), view.Name, query.From == long.MinValue ? null : query.From,
            end, query.ByBefore ? end : null, query.Limit, read.More, read.Candles));
    }
}
