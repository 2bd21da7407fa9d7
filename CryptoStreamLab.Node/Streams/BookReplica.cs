using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One strategy's book on a stream as its owning engine published it on the state topic: candles, evaluations, fills,
/// equity curve and account, rebuilt from <see cref="StateUpdate"/>s. Its <see cref="StreamReplica"/> locks around it.
/// </summary>
internal sealed class BookReplica(StreamKey key, string strategy, IReadOnlyList<SeriesSpec> series, int capacity)
{
    private readonly CandleBuffer _candles = new(capacity);
    private readonly EvaluationBuffer _history = new(capacity);
    private readonly Queue<Fill> _fills = new();
    private readonly Queue<EquityPoint> _curve = new();
    private Evaluation? _preview;
    private AccountState _account;
    private decimal _startingBalance;
    private long _rejected;

    public string Strategy => strategy;

    /// <summary>The newest candle the owner committed (or reset at): what a new owner's account is restored as of.</summary>
    public long AsOfOpenTime { get; private set; } = long.MinValue;

    public Candle[] Candles() => _candles.ToArray();

    /// <summary>Applies one update; false when it is older than what the book holds (a duplicate or a replay).</summary>
    public bool Apply(StateUpdate update)
    {
        if (!ApplyEvaluation(update)) return false;
        _account = update.Account;
        _startingBalance = update.StartingBalance;
        _rejected = update.RejectedUpdates;
        return true;
    }

    private bool ApplyEvaluation(StateUpdate update)
    {
        if (update.Evaluation is not { } e)
        {
            _fills.Clear();
            _curve.Clear();
            AsOfOpenTime = Math.Max(AsOfOpenTime, update.AsOfOpenTime);
            return true;
        }

        if (e.Candle.OpenTime <= AsOfOpenTime) return false;
        if (e.IsPreview)
        {
            if (_candles.Upsert(e.Candle).Outcome is not (UpsertOutcome.OpenUpdated or UpsertOutcome.Committed)) return false;
            _preview = e;
            return true;
        }

        _candles.Upsert(e.Candle);
        _history.Add(e);
        _preview = null;
        AsOfOpenTime = e.Candle.OpenTime;
        if (_curve.Count == capacity) _curve.Dequeue();
        _curve.Enqueue(new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity));
        if (e.Fill is { } fill)
        {
            if (_fills.Count == StreamState.FillLogCapacity) _fills.Dequeue();
            _fills.Enqueue(fill);
        }

        return true;
    }

    public StreamSnapshot Snapshot(long version, Candle[] candles, DateTimeOffset? lastUpdate)
    {
        var latest = _preview ?? (_history.Count > 0 ? _history[_history.Count - 1] : null);
        return new StreamSnapshot(key, version, candles, _history.ToArray(), latest, _fills.ToArray(), _curve.ToArray(), _account,
            _startingBalance, _rejected, lastUpdate, strategy, series);
    }
}
