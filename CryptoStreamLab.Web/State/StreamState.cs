using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Web.Storage;

namespace CryptoStreamLab.Web.State;

/// <summary>
/// One stream's engine behind a lock, with its fill log, equity curve and a snapshot cached per version.
/// Every closed candle goes to the ledger before any reader can see it.
/// </summary>
internal sealed class StreamState
{
    /// <summary>The trading log keeps more than the candle buffer so old fills stay visible.</summary>
    private const int FillLogCapacity = 1_000;

    private readonly object _gate = new();
    private readonly StreamEngine _engine;
    private readonly TimeProvider _clock;
    private readonly LedgerRecorder? _ledger;
    private readonly string _streamId;
    private readonly Queue<Fill> _fills = new();
    private readonly Queue<EquityPoint> _curve = new();
    private readonly int _curveCapacity;
    private long _lastRecorded = long.MinValue;
    private long _version;
    private DateTimeOffset? _lastUpdate;
    private StreamSnapshot? _cached;

    public StreamState(StreamEngine engine, TimeProvider clock, LedgerRecorder? ledger)
    {
        _engine = engine;
        _clock = clock;
        _ledger = ledger;
        _streamId = engine.Key.Id;
        _curveCapacity = engine.Settings.BufferCapacity;
        if (ledger?.Load(_streamId, _curveCapacity) is { } saved) Restore(saved);
    }

    public StreamKey Key => _engine.Key;

    public EngineUpdate Apply(in Candle candle, long eventTime)
    {
        lock (_gate)
        {
            var update = _engine.Apply(candle, eventTime);
            if (!update.Changed) return update;
            if (update.CommittedPrevious is { } previous) Record(previous);
            if (update.Outcome == UpsertOutcome.Committed) Record(update.Current!.Value);
            _version++;
            _lastUpdate = _clock.GetUtcNow();
            return update;
        }
    }

    /// <summary>Back to the starting balance from the newest candle on; the reset is recorded in the ledger.</summary>
    public void ResetAccount()
    {
        lock (_gate)
        {
            var before = _engine.Account.State;
            var asOf = _engine.Buffer.Count > 0 ? _engine.Buffer.Newest.OpenTime : long.MinValue;
            _engine.ResetAccount(asOf);
            _ledger?.Reset(_streamId, before, _engine.Account.State, asOf);
            _fills.Clear();
            _curve.Clear();
            _lastRecorded = asOf;
            _version++;
        }
    }

    public StreamSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_cached is { } cached && cached.Version == _version) return cached;
            _cached = new StreamSnapshot(_engine.Key, _version, _engine.Buffer.ToArray(), _engine.History.ToArray(), _engine.Latest,
                _fills.ToArray(), _curve.ToArray(), _engine.Account.State, _engine.Account.StartingBalance, _engine.Buffer.RejectedCount,
                _lastUpdate);
            return _cached;
        }
    }

    private void Restore(StreamLedger saved)
    {
        _engine.RestoreAccount(saved.Account, saved.AsOfOpenTime);
        foreach (var fill in saved.Fills.TakeLast(FillLogCapacity)) _fills.Enqueue(fill);
        foreach (var point in saved.EquityCurve) _curve.Enqueue(point);
        _lastRecorded = saved.AsOfOpenTime;
    }

    // Candles at or before the last recorded one are replays (a restart rebuilding its buffer): already in the ledger.
    private void Record(in Evaluation evaluation)
    {
        var openTime = evaluation.Candle.OpenTime;
        if (openTime <= _lastRecorded) return;
        _lastRecorded = openTime;

        var point = new EquityPoint(openTime, evaluation.Candle.Close, evaluation.Cash, evaluation.Quantity, evaluation.Equity);
        _ledger?.Record(new LedgerEntry(_streamId, point, evaluation.Fill, _engine.Account.State));
        if (_curve.Count == _curveCapacity) _curve.Dequeue();
        _curve.Enqueue(point);
        if (evaluation.Fill is { } fill)
        {
            if (_fills.Count == FillLogCapacity) _fills.Dequeue();
            _fills.Enqueue(fill);
        }
    }
}
