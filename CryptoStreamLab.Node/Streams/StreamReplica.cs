using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One stream as its owning engine published it on the state topic: a <see cref="BookReplica"/> per strategy (candles,
/// evaluations, fills, equity curve and account), rebuilt from <see cref="StateUpdate"/>s so a node that does not run the
/// stream's engine shows the same figures, and a node that takes the stream over can restore it. Thread-safe: one
/// writer, any readers.
/// </summary>
/// <param name="strategies">The strategies this node's configuration runs on the stream, in order: their books come first, and
/// an update without a strategy (from before strategies were named) belongs to the first.</param>
internal sealed class StreamReplica(StreamKey key, int capacity, IReadOnlyList<StrategySetup> strategies)
{
    private readonly object _gate = new();
    private readonly List<BookReplica> _books = [];
    private long _version;
    private DateTimeOffset? _lastUpdate;
    private StreamSnapshot? _cached;
    private string? _owner;
    private CandleOrigin _origin = CandleOrigin.None;
    private long _ownerTime;

    public StreamKey Key { get; } = key;

    /// <summary>The node whose engine published the newest update, where that candle sat in the candle topic, and when.</summary>
    public (string? Node, CandleOrigin Origin, long Time) Owner
    {
        get { lock (_gate) return (_owner, _origin, _ownerTime); }
    }

    /// <summary>Applies one update; false when it is older than what the replica holds (a duplicate or a replay).</summary>
    public bool Apply(StateUpdate update, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!Book(update.Strategy).Apply(update)) return false;
            _owner = update.Node;
            if (update.Origin.Partition >= 0) _origin = update.Origin;
            _ownerTime = update.Time;
            _lastUpdate = now;
            _version++;
            return true;
        }
    }

    /// <summary>Each strategy's book as a seed for a new owner, by strategy name, and the candles they share.</summary>
    public (IReadOnlyDictionary<string, StreamSeed> Seeds, Candle[] Candles) Seeds()
    {
        lock (_gate)
        {
            var snapshot = SnapshotLocked();
            var seeds = new Dictionary<string, StreamSeed>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _books.Count; i++) seeds[_books[i].Strategy] = new StreamSeed(snapshot.Views[i], _books[i].AsOfOpenTime);
            return (seeds, snapshot.Candles as Candle[] ?? [.. snapshot.Candles]);
        }
    }

    public StreamSnapshot Snapshot()
    {
        lock (_gate) return SnapshotLocked();
    }

    private StreamSnapshot SnapshotLocked()
    {
        if (_cached is { } cached && cached.Version == _version) return cached;
        if (_books.Count == 0) Book(null);
        var candles = _books[0].Candles();
        var views = _books.Select(b => b.Snapshot(_version, candles, _lastUpdate)).ToArray();
        _cached = views[0] with { Strategies = views };
        return _cached;
    }

    private BookReplica Book(string? strategy)
    {
        strategy ??= strategies.Count > 0 ? strategies[0].Name : CrossoverRsiStrategy.TypeName;
        foreach (var book in _books)
        {
            if (string.Equals(book.Strategy, strategy, StringComparison.OrdinalIgnoreCase)) return book;
        }

        var setup = strategies.FirstOrDefault(s => string.Equals(s.Name, strategy, StringComparison.OrdinalIgnoreCase));
        var created = new BookReplica(Key, setup?.Name ?? strategy, setup?.Series ?? [], capacity);
        // Configured strategies keep configuration order; others follow in the order they arrive.
        var rank = setup is null ? int.MaxValue : IndexOf(setup);
        var at = _books.FindIndex(b => Rank(b) > rank);
        _books.Insert(at < 0 ? _books.Count : at, created);
        return created;
    }

    private int Rank(BookReplica book)
    {
        for (var i = 0; i < strategies.Count; i++)
        {
            if (string.Equals(strategies[i].Name, book.Strategy, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return int.MaxValue;
    }

    private int IndexOf(StrategySetup setup)
    {
        for (var i = 0; i < strategies.Count; i++)
        {
            if (ReferenceEquals(strategies[i], setup)) return i;
        }

        return int.MaxValue;
    }
}
