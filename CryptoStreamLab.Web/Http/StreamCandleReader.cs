using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// What a candles request found: the candles, oldest first, whether older ones in the range may be known (false: none is),
/// or why the archive could not be read.
/// </summary>
internal sealed record CandleRead(IReadOnlyList<ApiCandle> Candles, bool More, string? Error = null);

/// <summary>
/// A stream's closed candles in a range as one strategy sees them: the live buffer's with its engine's own evaluations (the
/// signal it gave and what the account did), and older ones from <see cref="ArchiveLookback"/> (archive), whose series and
/// signal a fresh engine running the strategy computes over the candles just before them and whose action is the
/// strategy's fill on that candle, if its trading log still holds one, else HOLD. The archive is read only when the buffer
/// does not hold enough of the range.
/// </summary>
internal sealed class StreamCandleReader(ArchiveLookback history)
{
    /// <summary>The candles as <paramref name="view"/>'s strategy sees them.</summary>
    public async Task<CandleRead> ReadAsync(StreamKey key, StrategyView view, CandleQuery query, CancellationToken cancellation)
    {
        var snapshot = view.Snapshot;
        var series = ApiSeries.Of(view);
        var evaluations = snapshot.Evaluations;
        var end = EvaluationIndex.FirstAtOrAfter(evaluations, query.To);
        var first = EvaluationIndex.FirstAtOrAfter(evaluations, query.From);
        var start = Math.Max(first, end - query.Limit);
        var live = new List<ApiCandle>(Math.Max(0, end - start));
        for (var i = start; i < end; i++) live.Add(ApiMapping.Candle(evaluations[i], series));

        var wanted = query.Limit - live.Count;
        // Older than everything the buffer holds, and inside the range.
        var before = evaluations.Count > 0 ? Math.Min(query.To, evaluations[0].Candle.OpenTime) : query.To;
        // A full page from the buffer alone: older ones are known if the buffer holds them, and may be in the archive.
        if (wanted <= 0) return new CandleRead(live, start > first || before > query.From);
        if (before <= query.From) return new CandleRead(live, false);

        var chunk = await history.ReadAsync(key, view.Setup, before, wanted, cancellation).ConfigureAwait(false);
        if (chunk.Error is not null) return new CandleRead([], false, chunk.Error);
        var more = chunk.More;
        var fills = snapshot.Fills.ToDictionary(f => f.CandleOpenTime);
        var candles = new List<ApiCandle>(chunk.Points.Count + live.Count);
        foreach (var point in chunk.Points)
        {
            if (point.Candle.OpenTime < query.From)
            {
                more = false;
                continue;
            }
            var action = fills.TryGetValue(point.Candle.OpenTime, out var fill) ? ApiMapping.Side(fill.Side) : Signal.Hold;
            candles.Add(ApiMapping.Candle(point.Candle, point.Series, point.Signal, action, series));
        }
        candles.AddRange(live);
        return new CandleRead(candles, more);
    }
}
