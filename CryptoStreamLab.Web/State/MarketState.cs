using System.Collections.Frozen;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Storage;

namespace CryptoStreamLab.Web.State;

/// <summary>
/// Every configured stream's engine, fed by the Kafka consumer, watched by the UI. Writers apply candles
/// under a per-stream lock; readers take cached immutable snapshots; subscribers are told which stream
/// changed (no polling) and pull a snapshot when they render.
/// </summary>
public sealed class MarketState : ICandleSink
{
    private readonly FrozenDictionary<StreamKey, StreamState> _streams;
    private readonly object _subscribersGate = new();
    private Subscription[] _subscribers = [];

    private readonly RestorePhase _restore;

    /// <param name="ledger">Where accounts are persisted and restored from; null keeps them in memory only.</param>
    /// <param name="restore">Whether the streams are still being rebuilt; every stream's watchers hear when it changes.</param>
    public MarketState(IEnumerable<StreamKey> streams, EngineSettings settings, LedgerRecorder? ledger = null, TimeProvider? clock = null,
        RestorePhase? restore = null)
    {
        var time = clock ?? TimeProvider.System;
        _restore = restore ?? new RestorePhase();
        _restore.Changed += _ => NotifyAll();
        _streams = streams.Distinct().ToFrozenDictionary(k => k, k => new StreamState(new StreamEngine(k, settings), time, ledger));
        if (_streams.Count == 0) throw new ArgumentException("At least one stream must be configured.", nameof(streams));
        Keys = streams.Distinct().ToArray();
    }

    /// <summary>The configured streams, in configuration order.</summary>
    public IReadOnlyList<StreamKey> Keys { get; }

    /// <summary>True while the consumer rebuilds buffers from the retained topic before serving live.</summary>
    public bool Restoring => _restore.Active;

    public bool Contains(StreamKey key) => _streams.ContainsKey(key);

    public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0)
    {
        if (!_streams.TryGetValue(candle.Stream, out var stream)) return CandleApplyOutcome.UnknownStream;
        var update = stream.Apply(candle, eventTime);
        if (!update.Changed)
        {
            return update.Outcome switch
            {
                UpsertOutcome.Rejected => CandleApplyOutcome.Rejected,
                UpsertOutcome.Stale => CandleApplyOutcome.Stale,
                _ => CandleApplyOutcome.Unchanged,
            };
        }

        Notify(candle.Stream);
        return CandleApplyOutcome.Applied;
    }

    public StreamSnapshot Snapshot(StreamKey key) =>
        _streams.TryGetValue(key, out var stream)
            ? stream.Snapshot()
            : throw new KeyNotFoundException($"{key} is not a configured stream.");

    /// <summary>Starts a stream's paper account afresh from its starting balance; the reset is recorded.</summary>
    public void ResetAccount(StreamKey key)
    {
        if (!_streams.TryGetValue(key, out var stream)) throw new KeyNotFoundException($"{key} is not a configured stream.");
        stream.ResetAccount();
        Notify(key);
    }

    private void NotifyAll()
    {
        foreach (var key in Keys) Notify(key);
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> after every change of <paramref name="key"/> (every stream when null),
    /// on the writer's thread: keep it short and hand work to your own context. Dispose to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(StreamKey? key, Action<StreamChange> onChange)
    {
        var subscription = new Subscription(this, key, onChange);
        lock (_subscribersGate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    private void Unsubscribe(Subscription subscription)
    {
        lock (_subscribersGate) _subscribers = _subscribers.Where(s => s != subscription).ToArray();
    }

    private void Notify(StreamKey key)
    {
        var change = new StreamChange(key);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (subscriber.Key is null || subscriber.Key == key) subscriber.OnChange(change);
        }
    }

    private sealed class Subscription(MarketState owner, StreamKey? key, Action<StreamChange> onChange) : IDisposable
    {
        private int _disposed;

        public StreamKey? Key => key;

        public Action<StreamChange> OnChange => onChange;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(this);
        }
    }
}

/// <summary>A change notification: which stream changed. Subscribers pull a consistent snapshot when they render.</summary>
public readonly record struct StreamChange(StreamKey Key);
