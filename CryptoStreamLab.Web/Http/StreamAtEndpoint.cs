using System.ComponentModel;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// <c>GET /streams/{symbol}/{interval}/at?time=&amp;strategy=</c>: the stream as a strategy saw it at a past time
/// (<see cref="StreamRewind"/>): candle, series, signal, account and fills.
/// </summary>
internal static class StreamAtEndpoint
{
    public static RouteHandlerBuilder MapStreamAt(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/streams/{symbol}/{interval}/at", GetAsync)
            .WithName("GetStreamAt")
            .WithTags(StreamApiEndpoints.Tag)
            .WithSummary("The stream as it was at a past time")
            .WithDescription("The closed candle containing `time` (or the last closed one before it, across a gap) with the view of the " +
                "stream's first strategy (or the one `strategy` names): its series by name, signal and action on that candle, computed " +
                "again over the candles before it as the engine computed them, and the paper account right after that candle from the " +
                "account history (`position`, `cash`, `quantity`, `equity`) with its newest 50 fills up to it. A time before the " +
                "stream's first candle or after its newest closed candle's close is a 400 naming the range there is; an unknown " +
                "strategy is a 404 naming those that run on the stream.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<ApiStreamAt>, ProblemHttpResult>> GetAsync(
        [Description("Symbol, upper case, e.g. BTCUSDT.")] string symbol,
        [Description("Kline interval, e.g. 1m.")] string interval,
        [Description("The time to go back to: epoch milliseconds or ISO-8601 (UTC unless an offset is given), from the stream's first " +
            "candle's open time to its newest closed candle's close time.")] string? time,
        [Description(StrategyRoute.Description)] string? strategy,
        StreamDirectory market, CandleArchive archive, StreamRewind rewind, CancellationToken cancellation)
    {
        if (!StreamRoute.TryParse(symbol, interval, out var key, out var notFound)) return notFound!;
        var known = market.Contains(key);
        if (!known && !archive.Reader.Streams().Contains(key))
            return StreamRoute.NotFound($"{key} is not a stream this node or its archive knows.");
        var snapshot = known ? market.Snapshot(key) : StreamSnapshot.Empty(key, 0);
        if (!StrategyRoute.TryResolve(market, key, snapshot, strategy, out var view, out notFound)) return notFound!;
        if (view.Setup is not { } setup)
        {
            return TypedResults.Problem($"'{view.Name}' runs on {key} but is not configured on this node, which cannot compute its series.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown strategy", extensions: new Dictionary<string, object?> { ["parameter"] = "strategy" });
        }
        if (string.IsNullOrWhiteSpace(time)) return StreamRoute.BadParameter("time", $"time is required: {TimeInput.Query.Formats}.");
        if (!TimeWindowParser.TryParseTime(time, TimeInput.Query, out var at))
            return StreamRoute.BadParameter("time", TimeWindowParser.NotATime("time", time, TimeInput.Query));

        var read = await rewind.AtAsync(key, setup, at, cancellation);
        return read.Outcome switch
        {
            RewindOutcome.Found => TypedResults.Ok(Document(read.Moment!, ApiSeries.Of(view))),
            RewindOutcome.Unavailable => TypedResults.Problem(read.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "History unavailable"),
            _ => OutOfRange(key, at, read),
        };
    }

    private static ApiStreamAt Document(StreamMoment m, ApiSeries series)
    {
        var c = m.Candle;
        return new ApiStreamAt(m.Key.Symbol, m.Key.Interval.ToCode(), m.Strategy, m.Time, c.OpenTime,
            new ApiClosedCandle(c.OpenTime, c.CloseTime, c.Open, c.High, c.Low, c.Close, c.Volume), series.Values(m.Series),
            m.Signal.Token(), m.Action.Token(), m.Quantity > 0 ? "LONG" : "FLAT", m.Cash, m.Quantity, m.Equity, m.StartingBalance,
            m.AccountAsOf, m.Fills.Select(f => ApiMapping.Fill(f)).ToList());
    }

    /// <summary>A 400 naming the history there is: its first candle's open time and its newest closed candle's open and close times.</summary>
    private static ProblemHttpResult OutOfRange(StreamKey key, long at, RewindRead read)
    {
        var extensions = new Dictionary<string, object?> { ["parameter"] = "time" };
        if (read.Span is not { } span)
            return TypedResults.Problem($"{key} has no closed candle yet: there is no history to go back to.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter 'time'", extensions: extensions);
        extensions["first_open_time"] = span.First.OpenTime;
        extensions["last_open_time"] = span.Last.OpenTime;
        extensions["last_close_time"] = span.Last.CloseTime;
        var where = read.Outcome == RewindOutcome.AfterHistory
            ? "after the stream's newest closed candle (the open candle and later are not history yet)"
            : "before the stream's history";
        return TypedResults.Problem($"time {TimeWindow.FormatTime(at)} is {where}: {key} has closed candles from the one opening " +
            $"{TimeWindow.FormatTime(span.First.OpenTime)} ({span.First.OpenTime}) to the one opening {TimeWindow.FormatTime(span.Last.OpenTime)} " +
            $"({span.Last.OpenTime}) and closing {TimeWindow.FormatTime(span.Last.CloseTime)} ({span.Last.CloseTime}).",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter 'time'", extensions: extensions);
    }
}
