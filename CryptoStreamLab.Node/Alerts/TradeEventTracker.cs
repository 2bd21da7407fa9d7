using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Finds a stream's new fills and new committed BUY/SELL signals by comparing its snapshot with what was seen before.
/// The first snapshot of a stream is its baseline: everything it already holds (a restored ledger, archived candles, a
/// previous owner's state) is history and never alerted. Later, only candles newer than the newest one seen count, so a
/// fill or signal is found once however often its stream is looked at, and a replay of older candles finds nothing.
/// </summary>
public sealed class TradeEventTracker
{
    private readonly Dictionary<(StreamKey, string?), Seen> _seen = [];

    /// <summary>
    /// The new events of every strategy in <paramref name="snapshot"/>, oldest first; none the first time a strategy is seen.
    /// With <paramref name="named"/> (the app runs a lineup) each event names its strategy.
    /// </summary>
    public IReadOnlyList<AlertEvent> Track(StreamSnapshot snapshot, AlertEventKind wanted, bool named = false)
    {
        if (snapshot.Views.Count == 1) return TrackView(snapshot, wanted, named);
        var events = new List<AlertEvent>();
        foreach (var view in snapshot.Views) events.AddRange(TrackView(view, wanted, named));
        return events.OrderBy(e => e.Time).ThenBy(e => e.Kind).ToList();
    }

    private IReadOnlyList<AlertEvent> TrackView(StreamSnapshot snapshot, AlertEventKind wanted, bool named)
    {
        var strategy = named ? snapshot.Strategy : null;
        var key = (snapshot.Key, snapshot.Strategy);
        var filled = snapshot.Fills.Count > 0 ? snapshot.Fills[^1].CandleOpenTime : long.MinValue;
        // The equity curve reaches as far as the ledger did: a restarted engine re-evaluates the candles before that
        // (its signals are history too) without trading them.
        var committed = Math.Max(filled, Math.Max(
            snapshot.Evaluations.Count > 0 ? snapshot.Evaluations[^1].Candle.OpenTime : long.MinValue,
            snapshot.EquityCurve.Count > 0 ? snapshot.EquityCurve[^1].OpenTime : long.MinValue));
        if (!_seen.TryGetValue(key, out var seen))
        {
            _seen[key] = new Seen(committed, filled);
            return [];
        }

        var events = new List<AlertEvent>();
        if ((wanted & AlertEventKind.Signal) != 0)
        {
            foreach (var evaluation in snapshot.Evaluations)
            {
                if (evaluation.Candle.OpenTime > seen.Committed && evaluation.Signal != Signal.Hold)
                    events.Add(AlertEvent.ForSignal(snapshot.Key, evaluation, strategy, snapshot.SeriesSpecs));
            }
        }
        if ((wanted & AlertEventKind.Fill) != 0)
        {
            foreach (var fill in snapshot.Fills)
            {
                if (fill.CandleOpenTime > seen.Filled) events.Add(AlertEvent.ForFill(snapshot.Key, fill, strategy));
            }
        }
        // Never backwards: a reset empties the fill log, and the state shown may briefly be an older replica's.
        _seen[key] = new Seen(Math.Max(seen.Committed, committed), Math.Max(seen.Filled, filled));
        return events.Count > 1 ? events.OrderBy(e => e.Time).ThenBy(e => e.Kind).ToList() : events;
    }

    public bool Knows(StreamKey key) => _seen.Keys.Any(k => k.Item1 == key);

    private readonly record struct Seen(long Committed, long Filled);
}
