using System.ComponentModel;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary><c>GET /streams/{symbol}/{interval}/events</c>: the stream's candles, signals and fills as Server-Sent Events.</summary>
internal static class EventEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder group)
    {
        group.MapGet("/streams/{symbol}/{interval}/events", Results<EventStreamResult, ProblemHttpResult> (
                [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
                [Description("Kline interval, e.g. 1m.")] string interval,
                [FromHeader(Name = "Last-Event-ID"), Description("The id of the last event received: the stream resumes after it.")] string? lastEventId,
                [Description(StrategyRoute.Description)] string? strategy,
                StreamDirectory market, StreamEventHub hub, IOptions<ApiOptions> options, TimeProvider clock) =>
            {
                if (!StreamRoute.TryResolve(market, symbol, interval, out var key, out var notFound)) return notFound!;
                if (!StrategyRoute.TryResolve(market, key, market.Snapshot(key), strategy, out var view, out notFound)) return notFound!;
                EventPosition? after = null;
                if (!string.IsNullOrEmpty(lastEventId))
                {
                    if (!EventPosition.TryParse(lastEventId, out var position))
                        return StreamRoute.BadParameter("Last-Event-ID", $"Last-Event-ID '{lastEventId}' is not an event id of this API ({{open_time}}-{{phase}}, e.g. 1769904000000-1).");
                    after = position;
                }
                return new EventStreamResult(hub, key, view.Name, after, options.Value.HeartbeatInterval, clock);
            })
            .WithName("StreamEvents")
            .WithTags(StreamApiEndpoints.Tag)
            .WithSummary("Live candles, signals and fills (Server-Sent Events)")
            .WithDescription("As the stream's first strategy (or the one `strategy` names) sees it: `candle` on every update of the stream " +
                "(the open candle included; `closed` marks its last), `signal` for a BUY or SELL on a closed candle, `fill` for a paper trade; each `data` is one JSON document (the candles, signal and fills " +
                "endpoints' shapes), each `id` is `{open_time}-{phase}` (0 open update, 1 closed, 2 signal, 3 fill). A `: keep-alive` " +
                "comment comes every 15 s. A new client starts with the newest candle; one that reconnects with `Last-Event-ID` first " +
                "gets everything after it that the stream's buffer still holds. A client that falls far behind is disconnected and " +
                "resumes the same way.")
            .Produces<string>(StatusCodes.Status200OK, EventStreamResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
