using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One strategy on one stream: its engine (the strategy, its indicators and paper account), fill log and equity curve,
/// kept in the ledger under <see cref="LedgerId"/> and published under <see cref="Strategy"/>. Its <see cref="StreamState"/>
/// feeds it every candle under the stream's lock.
/// </summary>
internal sealed class StrategyBook
{
    private readonly LedgerRecorder? _ledger;
    private readonly Queue<Fill> _fills = new();
    private readonly Queue<EquityPoint> _curve = new();
    private readonly int _curveCapacity;

    /// <param name="seed">The book as its last owner published it, when this node takes the stream over.</param>
    public StrategyBook(StreamEngine engine, string strategy, string ledgerId, LedgerRecorder? ledger, StreamSeed? seed)
    {
        Engine = engine;
        Strategy = strategy;
        LedgerId = ledgerId;
        _ledger = ledger;
        _curveCapacity = engine.Settings.BufferCapacity;
        var saved = ledger?.Load(ledgerId, _curveCapacity);
        // Whichever is newer: this node's own ledger (it owned the stream before) or what the last owner published.
        if (seed is not null && seed.AsOfOpenTime > (saved?.AsOfOpenTime ?? long.MinValue)) Restore(seed);
        else if (saved is not null) Restore(saved);
    }

    public StreamEngine Engine { get; }

    /// <summary>The strategy's name (the dashboard's selector, the API, the state topic).</summary>
    public string Strategy { get; }

    /// <summary>The book's rows in the ledger.</summary>
    public string LedgerId { get; }

    /// <summary>The newest open-candle evaluation not published yet (coalesced: see <see cref="StreamState.PreviewInterval"/>).</summary>
    public Evaluation? PendingPreview { get; set; }

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) the next open-candle evaluation may be published.</summary>
    public long NextPreviewAt { get; set; }

    /// <summary>The newest candle the account has recorded (or was restored or reset at); candles up to it never trade again.</summary>
    public long LastRecorded { get; private set; } = long.MinValue;

    /// <summary>Archived candles this account never saw (no ledger, or a ledger behind the archive): it starts after them.</summary>
    public void SkipTo(long lastArchived)
    {
        if (lastArchived <= LastRecorded) return;
        Engine.RestoreAccount(Engine.Account.State, lastArchived);
        LastRecorded = lastArchived;
    }

    /// <summary>Records a committed evaluation the account has not seen (ledger, curve, fills); false for a replayed one.</summary>
    public bool Record(in Evaluation evaluation)
    {
        var openTime = evaluation.Candle.OpenTime;
        if (openTime <= LastRecorded) return false;
        LastRecorded = openTime;
        var point = new EquityPoint(openTime, evaluation.Candle.Close, evaluation.Cash, evaluation.Quantity, evaluation.Equity);
        _ledger?.Record(new LedgerEntry(LedgerId, point, evaluation.Fill, Engine.Account.State));
        if (_curve.Count == _curveCapacity) _curve.Dequeue();
        _curve.Enqueue(point);
        if (evaluation.Fill is { } fill)
        {
            if (_fills.Count == StreamState.FillLogCapacity) _fills.Dequeue();
            _fills.Enqueue(fill);
        }

        return true;
    }

    /// <summary>Back to the starting balance from <paramref name="asOf"/> on, recorded in the ledger.</summary>
    public void Reset(long asOf)
    {
        var before = Engine.Account.State;
        Engine.ResetAccount(asOf);
        _ledger?.Reset(LedgerId, before, Engine.Account.State, asOf);
        _fills.Clear();
        _curve.Clear();
        LastRecorded = asOf;
    }

    public StreamSnapshot Snapshot(long version, Candle[] candles, long rejected, DateTimeOffset? lastUpdate) =>
        new(Engine.Key, version, candles, Engine.Evaluations.ToArray(), Engine.Latest, _fills.ToArray(), _curve.ToArray(), Engine.Account.State,
            Engine.Account.StartingBalance, rejected, lastUpdate, Strategy, Engine.Series);

    private void Restore(StreamLedger saved)
    {
        Engine.RestoreAccount(saved.Account, saved.AsOfOpenTime);
        foreach (var fill in saved.Fills.TakeLast(StreamState.FillLogCapacity)) _fills.Enqueue(fill);
        foreach (var point in saved.EquityCurve) _curve.Enqueue(point);
        LastRecorded = saved.AsOfOpenTime;
    }

    private void Restore(StreamSeed seed)
    {
        Engine.RestoreAccount(seed.Snapshot.Account, seed.AsOfOpenTime);
        foreach (var fill in seed.Snapshot.Fills) _fills.Enqueue(fill);
        foreach (var point in seed.Snapshot.EquityCurve) _curve.Enqueue(point);
        LastRecorded = seed.AsOfOpenTime;
    }
}
