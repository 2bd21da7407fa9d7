using System.Collections.Concurrent;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// Every stream this node knows, watched by the UI: the ones whose engines it runs (fed by the candle consumer, each
/// change published to the other nodes) and the ones it follows from the state topic (replicas of other nodes'
/// engines). Writers apply under a per-stream lock; readers take cached immutable snapshots; subscribers are told
/// which stream changed (no polling) and pull a snapshot when they render.
/// </summary>
public sealed class StreamDirectory : ICandleSink
{
    /// <summary>
    /// The most streams one node keeps (configured ones and those created as candles or state for them arrive), so a topic
    /// carrying endless new symbols cannot exhaust memory. The node's own limit; Binance's limit on one connection is
    /// <see cref="Ingest.BinanceSourceOptions.MaxStreamsPerConnection"/>.
    /// </summary>
    public const int MaxStreamsPerNode = 1_024;

    private readonly ConcurrentDictionary<StreamKey, StreamState> _local = new();
    private readonly ConcurrentDictionary<StreamKey, StreamReplica> _replicas = new();
    private readonly ConcurrentDictionary<StreamKey, StreamSnapshot> _empty = new();
    private readonly EngineSettings _settings;
    private readonly StrategyLineup _lineup;
    private readonly LedgerRecorder? _ledger;
    private readonly TimeProvider _clock;
    private readonly RestorePhase _restore;
    private readonly StatePublication? _publication;
    private readonly ICandleArchive? _archive;
    private readonly StreamNotifier _notifier = new();
    private readonly StreamKeys _keys;

    /// <param name="ledger">Where accounts are persisted and restored from; null keeps them in memory only.</param>
    /// <param name="restore">Whether the streams are still being rebuilt; every stream's watchers hear when it changes.</param>
    /// <param name="publication">Where the engines' changes go for other nodes; null publishes nothing.</param>
    /// <param name="commands">Where a reset of a stream another node owns is sent; null resets only local streams.</param>
    /// <param name="runsEngines">False on a node without the Engine role: it shows only what the state topic carries.</param>
    /// <param name="archive">Where the engines' closed candles are archived; null archives nothing.</param>
    /// <param name="lineup">The strategies that run on the streams; null runs <paramref name="settings"/>' strategy alone.</param>
    public StreamDirectory(IEnumerable<StreamKey> streams, EngineSettings settings, LedgerRecorder? ledger = null, TimeProvider? clock = null,
        RestorePhase? restore = null, StatePublication? publication = null, ICommandSink? commands = null, bool runsEngines = true,
        ICandleArchive? archive = null, StrategyLineup? lineup = null)
    {
        _settings = settings;
        _lineup = lineup ?? StrategyLineup.Single(settings.Setup);
        _ledger = ledger;
        _archive = archive;
        _clock = clock ?? TimeProvider.System;
        _publication = publication is null ? null : publication with { Sink = new EchoingStateSink(publication.Sink, ApplyState) };
        Commands = commands;
        Configured = streams.Distinct().ToList();
        if (Configured.Count == 0) throw new ArgumentException("At least one stream must be configured.", nameof(streams));
        // A node without engines lists what the state topic carries and nothing else: a configured stream no engine ever
        // published would only be an empty stream with no owner beside the cluster's.
        _keys = new StreamKeys(runsEngines ? Configured : []);
        // The configured streams' engines exist from the start, so the dashboard and status show their restored accounts.
        if (runsEngines)
        {
            foreach (var key in _keys.Configured)
            {
                _local[key] = NewState(key, seeds: null, seedCandles: null)
                    ?? throw new ArgumentException($"No strategy runs on the configured stream {key.Id}.", nameof(lineup));
            }
        }
        _restore = restore ?? new RestorePhase();
        _restore.Changed += _ => NotifyAll();
    }

    /// <summary>The streams configured on this node, listed or not (for a default choice before any is published).</summary>
    public IReadOnlyList<StreamKey> Configured { get; }

    /// <summary>
    /// The streams this node lists: on an engine node the configured ones in configuration order, then the others seen since,
    /// by name; on a node without engines those the state topic has carried.
    /// </summary>
    public IReadOnlyList<StreamKey> Keys => _keys.All;

    /// <summary>True while the streams are rebuilt from the retained topics before serving live.</summary>
    public bool Restoring => _restore.Active;

    /// <summary>This node's id in the cluster, when it publishes its streams.</summary>
    public string? Node => _publication?.Node;

    internal ICommandSink? Commands { get; }

    public bool Contains(StreamKey key) => _keys.Contains(key);

    /// <exception cref="ArgumentException">The candle breaks <see cref="CandleRules"/>: entries refuse such candles, so a
    /// caller that did not is told, and no stream is created or changed for it.</exception>
    public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null)
    {
        if (CandleRules.Problem(candle) is { } problem) throw new ArgumentException($"candle refused: {problem}", nameof(candle));
        var key = candle.Stream;
        var created = false;
        if (!_local.TryGetValue(key, out var stream))
        {
            if (_lineup.For(key).Count == 0 || !_keys.TryAdd(key, MaxStreamsPerNode)) return CandleApplyOutcome.UnknownStream;
            stream = _local.GetOrAdd(key, k => Seeded(k));
            created = true;
        }
        EngineUpdate update;
        try
        {
            update = stream.Apply(candle, eventTime, origin ?? CandleOrigin.None);
        }
        catch
        {
            if (created) ForgetUnused(key);
            throw;
        }
        if (!update.Changed)
        {
            // A stream that never applied anything does not hold one of the MaxStreamsPerNode places.
            if (created) ForgetUnused(key);
            return update.Outcome switch
            {
                UpsertOutcome.Rejected => CandleApplyOutcome.Rejected,
                UpsertOutcome.Stale => CandleApplyOutcome.Stale,
                _ => CandleApplyOutcome.Unchanged,
            };
        }

        _notifier.Notify(key);
        return CandleApplyOutcome.Applied;
    }

    /// <summary>
    /// This node's engine now owns the streams of <paramref name="partitions"/>: each stream the state topic shows there
    /// is rebuilt from what its last owner published (or this node's ledger, when newer). Returns, per partition, the
    /// candle-topic offset after the oldest candle those streams already reflect, from which consuming misses nothing.
    /// </summary>
    public IReadOnlyDictionary<int, long> TakeOver(IReadOnlyCollection<int> partitions)
    {
        var resume = new Dictionary<int, long>();
        foreach (var replica in _replicas.Values)
        {
            var (_, origin, _) = replica.Owner;
            if (!partitions.Contains(origin.Partition)) continue;
            if (_lineup.For(replica.Key).Count == 0) continue;
            var stream = Seeded(replica.Key);
            stream.Own(origin.Partition);
            _local[replica.Key] = stream;
            resume[origin.Partition] = Math.Min(resume.GetValueOrDefault(origin.Partition, long.MaxValue), origin.Offset + 1);
            _notifier.Notify(replica.Key);
        }
        return resume;
    }

    /// <summary>Publishes the owned streams' coalesced open-candle changes that are due.</summary>
    public void Flush()
    {
        foreach (var stream in _local.Values)
        {
            if (stream.Partition >= 0) stream.FlushPreviews();
        }
    }

    /// <summary>Another engine owns <paramref name="partitions"/> now: their streams are shown from the state topic.</summary>
    public void Release(IReadOnlyCollection<int> partitions)
    {
        foreach (var (key, stream) in _local)
        {
            if (!partitions.Contains(stream.Partition)) continue;
            _local.TryRemove(key, out _);
            if (_keys.IsConfigured(key) && NewState(key, seeds: null, seedCandles: null) is { } fresh) _local.TryAdd(key, fresh);
            _notifier.Notify(key);
        }
    }

    /// <summary>Applies a change another node's engine (or this node's own) published on the state topic.</summary>
    public void ApplyState(StateUpdate update)
    {
        if (!_keys.TryAdd(update.Key, MaxStreamsPerNode)) return;
        var replica = _replicas.GetOrAdd(update.Key, key => new StreamReplica(key, _settings.BufferCapacity, _lineup.For(key)));
        if (replica.Apply(update, _clock.GetUtcNow()) && !IsLocal(update.Key)) _notifier.Notify(update.Key);
    }

    public StreamSnapshot Snapshot(StreamKey key)
    {
        if (IsLocal(key)) return _local[key].Snapshot();
        if (_replicas.TryGetValue(key, out var replica)) return replica.Snapshot();
        if (_local.TryGetValue(key, out var dormant)) return dormant.Snapshot();
        if (_keys.Contains(key)) return _empty.GetOrAdd(key, k => StreamSnapshot.Empty(k, _settings.Trading.StartingBalance));
        throw new KeyNotFoundException($"{key} is not a stream this node knows.");
    }

    /// <summary>The node whose engine runs the stream, as far as this node knows; null when none has published it yet.</summary>
    public string? Owner(StreamKey key) =>
        IsLocal(key) && _local[key].Partition >= 0 ? Node
        : _replicas.TryGetValue(key, out var replica) ? replica.Owner.Node
        : null;

    /// <summary>The streams this node's engine runs now.</summary>
    public IReadOnlyList<StreamKey> OwnedStreams() => _local.Where(pair => pair.Value.Partition >= 0).Select(pair => pair.Key).OrderBy(k => k.Id).ToList();

    /// <summary>
    /// Starts a stream's paper account of <paramref name="strategy"/> (every strategy's when null) afresh from its starting
    /// balance: here when this node runs its engine (the reset is recorded and published), otherwise as a command to the
    /// engine that does.
    /// </summary>
    public void ResetAccount(StreamKey key, string? strategy = null)
    {
        if (!_keys.Contains(key)) throw new KeyNotFoundException($"{key} is not a stream this node knows.");
        if (IsLocal(key))
        {
            _local[key].ResetAccount(strategy);
            _notifier.Notify(key);
        }
        else
        {
            Commands?.SendReset(key, strategy);
        }
    }

    /// <summary>Carries out a command for a stream this node's engine runs; false when it runs elsewhere.</summary>
    public bool ExecuteReset(StreamKey key, string? strategy = null)
    {
        if (!_local.TryGetValue(key, out var stream) || stream.Partition < 0) return false;
        stream.ResetAccount(strategy);
        _notifier.Notify(key);
        return true;
    }

    /// <summary>The strategies that run on <paramref name="key"/>, in configuration order.</summary>
    public IReadOnlyList<StrategySetup> StrategiesOf(StreamKey key) => _lineup.For(key);

    /// <summary>What this node runs: the configured strategies and the streams each runs on.</summary>
    public StrategyLineup Lineup => _lineup;

    /// <summary>
    /// Calls <paramref name="onChange"/> after every change of <paramref name="key"/> (every stream when null),
    /// on the writer's thread: keep it short and hand work to your own context. Dispose to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(StreamKey? key, Action<StreamChange> onChange) => _notifier.Subscribe(key, onChange);

    public int SubscriberCount => _notifier.Count;

    // A local engine is what the UI shows when it has applied candles from this node's consumer, or when no other
    // node has published the stream (a single process, or candles applied directly).
    private bool IsLocal(StreamKey key) =>
        _local.TryGetValue(key, out var stream) &&
        (stream.Partition >= 0 || !_replicas.TryGetValue(key, out var replica) || replica.Owner.Node is null || replica.Owner.Node == Node);

    /// <summary>
    /// The streams whose updates have all been refused for longer than <see cref="StuckAfter"/>: each is frozen on a
    /// candle the source contradicts, and says since when and how many were refused.
    /// </summary>
    public IReadOnlyList<StuckStream> StuckStreams()
    {
        var now = _clock.GetUtcNow();
        var stuck = new List<StuckStream>();
        foreach (var (key, stream) in _local)
        {
            if (stream.Refusing is { } refusing && now - refusing.Since > StuckAfter(key.Interval))
                stuck.Add(new StuckStream(key, refusing.Since, refusing.Count));
        }
        return stuck.OrderBy(s => s.Key.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Three intervals of nothing but refused updates, and at least a minute, make a stream stuck.</summary>
    public static TimeSpan StuckAfter(KlineInterval interval) =>
        TimeSpan.FromTicks(Math.Max(3 * interval.NominalDuration().Ticks, TimeSpan.FromMinutes(1).Ticks));

    private void ForgetUnused(StreamKey key)
    {
        if (_keys.IsConfigured(key) || _replicas.ContainsKey(key) || !_local.TryGetValue(key, out var stream) || stream.Snapshot().Candles.Count > 0) return;
        _local.TryRemove(key, out _);
        _keys.Remove(key);
    }

    /// <summary>A stream seeded from what its last owner published, when another node has (a takeover), else fresh.</summary>
    private StreamState Seeded(StreamKey key)
    {
        var (seeds, candles) = _replicas.TryGetValue(key, out var replica) ? replica.Seeds() : (null, null);
        return NewState(key, seeds, candles)!;
    }

    /// <summary>A stream with a book per strategy that runs on it; null when none does.</summary>
    private StreamState? NewState(StreamKey key, IReadOnlyDictionary<string, StreamSeed>? seeds, IReadOnlyList<Candle>? seedCandles)
    {
        var strategies = _lineup.For(key);
        if (strategies.Count == 0) return null;
        var books = strategies.Select(setup => new StrategyBook(
            new StreamEngine(key, EngineSettings.For(setup, _settings.Trading, _settings.BufferCapacity)), setup.Name, _lineup.LedgerId(key, setup),
            _ledger, seeds?.GetValueOrDefault(setup.Name))).ToList();
        return new StreamState(books, _clock, _publication, seedCandles, _archive);
    }

    private void NotifyAll()
    {
        foreach (var key in Keys) _notifier.Notify(key);
    }
}
