using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One stream as its owning engine published it on the state topic: candles, evaluations, fills, equity curve and
/// account, rebuilt from <see cref="StateUpdate"/>s so a node that does not run the stream's engine shows the same
/// figures, and a node that takes the stream over can restore it. Thread-safe: one writer, any readers.
/// </summary>
internal sealed class StreamReplica
{
    private const int FillLogCapacity = StreamState.FillLogCapacity;

    private readonly object _gate = new();
    private readonly CandleBuffer _candles;
    private readonly EvaluationBuffer _history;
    private readonly Queue<Fill> _fills = new();
    private readonly Queue<EquityPoint> _curve = new();
    private readonly int _capacity;
    private Evaluation? _preview;
    private AccountState _account;
    private decimal _startingBalance;
    private long _rejected, _version, _lastCommitted = long.MinValue;
    private DateTimeOffset? _lastUpdate;
    private StreamSnapshot? _cached;
    private string? _owner;
    private CandleOrigin _origin = CandleOrigin.None;
    private long _ownerTime;

    public StreamReplica(StreamKey key, int capacity)
    {
        Key = key;
        _capacity = capacity;
        _candles = new CandleBuffer(capacity);
        _history = new EvaluationBuffer(capacity);
    }

    public StreamKey Key { get; }

    /// <summary>The node that published the newest update, and where that update's candle sat in the candle topic.</summary>
    public (string? Node, CandleOrigin Origin, long Time) Owner
    {
        get { lock (_gate) return (_owner, _origin, _ownerTime); }
    }

    /// <summary>The newest committed candle's open time: what a new owner must not trade again.</summary>
    public long AsOfOpenTime
    {
        get { lock (_gate) return _lastCommitted; }
    }

    /// <summary>Applies one published change; false when it was a repeat of what the replica already holds.</summary>
    public bool Apply(StateUpdate update, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!ApplyLocked(update)) return false;
            _owner = update.Node;
            if (update.Origin.Partition >= 0) _origin = update.Origin;
            _ownerTime = update.Time;
            _account = update.Account;
            _startingBalance = update.StartingBalance;
            _rejected = update.RejectedUpdates;
            _lastUpdate = now;
            _version++;
            return true;
        }
    }

    private bool ApplyLocked(StateUpdate update)
    {
        if (update.Evaluation is not { } e)
        {
            _fills.Clear();
            _curve.Clear();
            _lastCommitted = Math.Max(_lastCommitted, update.AsOfOpenTime);
            return true;
        }
        if (e.Candle.OpenTime <= _lastCommitted) return false;
        if (e.IsPreview)
        {
            if (_candles.Upsert(e.Candle).Outcome is not (UpsertOutcome.OpenUpdated or UpsertOutcome.Committed)) return false;
            _preview = e;
            return true;
        }

        _candles.Upsert(e.Candle);
        _history.Add(e);
        _preview = null;
        _lastCommitted = e.Candle.OpenTime;
        if (_curve.Count == _capacity) _curve.Dequeue();
        _curve.Enqueue(new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity));
        if (e.Fill is { } fill)
        {
            if (_fills.Count == FillLogCapacity) _fills.Dequeue();
            _fills.Enqueue(fill);
        }
        return true;
    }

    public StreamSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_cached is { } cached && cached.Version == _version) return cached;
            var latest = _preview ?? (_history.Count > 0 ? _history[_history.Count - 1] : null);
            var evaluations = new Evaluation[_history.Count];
            for (var i = 0; i < evaluations.Length; i++) evaluations[i] = _history[i];
            _cached = new StreamSnapshot(Key, _version, _candles.ToArray(), evaluations, latest, _fills.ToArray(), _curve.ToArray(), _account,
                _startingBalance, _rejected, _lastUpdate);
            return _cached;
        }
    }
}
