using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>
/// The events a strategy's view of a stream holds after a position, oldest first: for each committed candle its <c>candle</c> event
/// (closed), its <c>signal</c> (BUY or SELL only) and its <c>fill</c>; then the open candle's latest state.
/// </summary>
internal static class StreamEvents
{
    public static void After(StreamSnapshot snapshot, EventPosition after, List<ServerEvent> into, bool includeOpen, ApiSeries series)
    {
        var evaluations = snapshot.Evaluations;
        for (var i = EvaluationIndex.FirstAtOrAfter(evaluations, after.OpenTime); i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            var openTime = e.Candle.OpenTime;
            if (after < new EventPosition(openTime, EventPhase.Closed)) into.Add(Candle(e, series));
            if (e.Signal != Signal.Hold && after < new EventPosition(openTime, EventPhase.Signal))
                into.Add(ServerEvent.Create(new EventPosition(openTime, EventPhase.Signal), "signal", ApiMapping.Signal(e, series), ApiJsonContext.Default.ApiSignal));
            if (e.Fill is { } fill && after < new EventPosition(openTime, EventPhase.Fill))
                into.Add(ServerEvent.Create(new EventPosition(openTime, EventPhase.Fill), "fill", ApiMapping.Fill(fill), ApiJsonContext.Default.ApiFill));
        }
        if (includeOpen && OpenPreview(snapshot) is { } open && new EventPosition(open.Candle.OpenTime, EventPhase.Open) >= after)
            into.Add(Candle(open, series));
    }

    /// <summary>The open candle's evaluation, when the newest candle is still open.</summary>
    public static Evaluation? OpenPreview(StreamSnapshot snapshot) => snapshot.Latest is { IsPreview: true } open ? open : null;

    /// <summary>Where a client that has seen everything in <paramref name="snapshot"/> stands.</summary>
    public static EventPosition Newest(StreamSnapshot snapshot) =>
        OpenPreview(snapshot) is { } open ? new EventPosition(open.Candle.OpenTime, EventPhase.Open)
        : snapshot.Evaluations.Count > 0 ? new EventPosition(snapshot.Evaluations[^1].Candle.OpenTime, EventPhase.Fill)
        : EventPosition.Start;

    /// <summary>Where a new client without <c>Last-Event-ID</c> starts: at the open candle, or at the newest closed one with its signal and fill.</summary>
    public static EventPosition Joining(StreamSnapshot snapshot) =>
        OpenPreview(snapshot) is { } open ? new EventPosition(open.Candle.OpenTime, EventPhase.Open)
        : snapshot.Evaluations.Count > 0 ? new EventPosition(snapshot.Evaluations[^1].Candle.OpenTime, EventPhase.Open)
        : EventPosition.Start;

    public static ServerEvent Candle(in Evaluation e, ApiSeries series) =>
        ServerEvent.Create(new EventPosition(e.Candle.OpenTime, e.IsPreview ? EventPhase.Open : EventPhase.Closed), "candle",
            ApiMapping.Candle(e, series), ApiJsonContext.Default.ApiCandle);
}
