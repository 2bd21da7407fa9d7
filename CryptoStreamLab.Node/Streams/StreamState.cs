using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One stream's engine behind a lock, with its fill log, equity curve and a snapshot cached per version.
/// Every closed candle goes to the ledger before any reader can see it (and, once, to the archive), and every new evaluation to the state topic.
/// A new engine starts from the archive's newest candles, which only warm its indicators: history never trades.
/// </summary>
internal sealed class StreamState
{
    /// <summary>The trading log keeps more than the candle buffer so old fills stay visible.</summary>
    internal const int FillLogCapacity = 1_000;

    private readonly object _gate = new();
    private readonly StreamEngine _engine;
    private readonly TimeProvider _clock;
    private readonly LedgerRecorder? _ledger;
    private readonly StatePublication? _publication;
    private readonly ICandleArchive? _archive;
    private readonly string _streamId;
    private readonly Queue<Fill> _fills = new();
    private readonly Queue<EquityPoint> _curve = new();
    private readonly int _curveCapacity;
    private long _lastRecorded = long.MinValue;
    private long _lastArchived = long.MinValue;
    private long _version;
    private DateTimeOffset? _lastUpdate;
    private DateTimeOffset? _refusingSince;
    private long _refusedInRow;
    private StreamSnapshot? _cached;

    /// <param name="seed">The stream as its previous owner published it, when this node takes it over.</param>
    /// <param name="archive">Where each newly committed closed candle is archived; null archives nothing.</param>
    public StreamState(StreamEngine engine, TimeProvider clock, LedgerRecorder? ledger, StatePublication? publication = null, StreamSeed? seed = null,
        ICandleArchive? archive = null)
    {
        _engine = engine;
        _clock = clock;
        _ledger = ledger;
        _publication = publication;
        _archive = archive;
        _streamId = engine.Key.Id;
        _curveCapacity = engine.Settings.BufferCapacity;
        var saved = ledger?.Load(_streamId, _curveCapacity);
        // Whichever is newer: this node's own ledger (it owned the stream before) or what the last owner published.
        if (seed is not null && seed.AsOfOpenTime > (saved?.AsOfOpenTime ?? long.MinValue)) Restore(seed);
        else if (saved is not null) Restore(saved);
        var archived = archive?.Newest(engine.Key, _curveCapacity) ?? [];
        if (archived.Count > 0) _lastArchived = archived[^1].OpenTime;
        if (_lastArchived > _lastRecorded)
        {
            // Archived candles this account never saw (no ledger, or a ledger behind the archive): it starts after them.
            _engine.RestoreAccount(_engine.Account.State, _lastArchived);
            _lastRecorded = _lastArchived;
        }
        WarmUp(archived);
        if (seed is not null) WarmUp(seed.Snapshot.Candles);
    }

    public StreamKey Key => _engine.Key;

    /// <summary>The candle-topic partition this stream's candles came from, or -1 before the first.</summary>
    public int Partition { get; private set; } = -1;

    /// <summary>This node's engine has taken the stream over with <paramref name="partition"/>, before its first candle from there.</summary>
    public void Own(int partition)
    {
        lock (_gate) Partition = partition;
    }

    /// <summary>Where the newest applied candle sat in the candle topic.</summary>
    public CandleOrigin Origin { get; private set; } = CandleOrigin.None;

    public EngineUpdate Apply(in Candle candle, long eventTime, CandleOrigin origin)
    {
        lock (_gate)
        {
            var update = _engine.Apply(candle, eventTime);
            if (origin.Partition >= 0)
            {
                Partition = origin.Partition;
                Origin = origin;
            }
            if (!update.Changed)
            {
                NoteUnchanged(update.Outcome);
                return update;
            }
            _refusingSince = null;
            _refusedInRow = 0;
            if (update.CommittedPrevious is { } previous) Record(previous);
            if (update.Outcome == UpsertOutcome.Committed) Record(update.Current!.Value);
            else if (update.Current is { } preview && preview.Candle.OpenTime > _lastRecorded) Publish(preview, _lastRecorded);
            _version++;
            _lastUpdate = _clock.GetUtcNow();
            return update;
        }
    }

    /// <summary>
    /// Since when every update of the stream has been refused (contradicting a committed candle, or behind one the stream
    /// moved past) and how many; null while updates apply or repeat what the stream holds.
    /// </summary>
    public (DateTimeOffset Since, long Count)? Refusing
    {
        get
        {
            lock (_gate) return _refusingSince is { } since ? (since, _refusedInRow) : null;
        }
    }

    private void NoteUnchanged(UpsertOutcome outcome)
    {
        if (outcome is UpsertOutcome.Rejected or UpsertOutcome.Stale)
        {
            _refusingSince ??= _clock.GetUtcNow();
            _refusedInRow++;
        }
        else
        {
            _refusingSince = null;
            _refusedInRow = 0;
        }
    }

    /// <summary>Back to the starting balance from the newest candle on; the reset is recorded in the ledger and published.</summary>
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
            Publish(null, asOf);
        }
    }

    public StreamSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_cached is { } cached && cached.Version == _version) return cached;
            _cached = new StreamSnapshot(_engine.Key, _version, _engine.Buffer.ToArray(), _engine.Evaluations.ToArray(), _engine.Latest,
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

    private void Restore(StreamSeed seed)
    {
        _engine.RestoreAccount(seed.Snapshot.Account, seed.AsOfOpenTime);
        foreach (var fill in seed.Snapshot.Fills) _fills.Enqueue(fill);
        foreach (var point in seed.Snapshot.EquityCurve) _curve.Enqueue(point);
        _lastRecorded = seed.AsOfOpenTime;
    }

    /// <summary>Archived or the last owner's candles rebuild the indicators; none of them trades or is published or archived again.</summary>
    private void WarmUp(IReadOnlyList<Candle> candles)
    {
        foreach (var candle in candles)
        {
            var newer = _engine.Buffer.Count == 0 || candle.OpenTime > _engine.Buffer.Newest.OpenTime;
            if (candle.IsClosed && newer && candle.OpenTime <= _lastRecorded) _engine.Apply(candle);
        }
        _version++;
    }

    // Candles at or before the last recorded one are replays (a restart rebuilding its buffer): already in the ledger,
    // but archived when the archive lacks them (the unflushed tail of a process that was killed).
    private void Record(in Evaluation evaluation)
    {
        var openTime = evaluation.Candle.OpenTime;
        if (openTime > _lastArchived && _archive is not null)
        {
            _lastArchived = openTime;
            _archive.Add(evaluation.Candle);
        }
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
        Publish(evaluation, openTime);
    }

    private void Publish(Evaluation? evaluation, long asOf) =>
        _publication?.Sink.Publish(new StateUpdate(_engine.Key, _publication.Node, Origin, evaluation, _engine.Account.State,
            _engine.Account.StartingBalance, _engine.Buffer.RejectedCount, asOf, _clock.GetUtcNow().ToUnixTimeMilliseconds()));
}

/// <summary>A stream as its last owner published it, and the newest candle that owner had committed or reset at.</summary>
public sealed record StreamSeed(StreamSnapshot Snapshot, long AsOfOpenTime);

/// <summary>Where an owning engine publishes its streams' changes, and under which node id.</summary>
public sealed record StatePublication(IStateSink Sink, string Node);

/// <summary>Takes every change of the streams this node owns to the other nodes (the state topic).</summary>
public interface IStateSink
{
    void Publish(StateUpdate update);
}
