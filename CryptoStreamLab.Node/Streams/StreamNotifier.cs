using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>Who is told when a stream changes: subscribers of that stream or of every stream, called on the writer's thread.</summary>
internal sealed class StreamNotifier
{
    private readonly object _gate = new();
    private Subscription[] _subscribers = [];

    public int Count => Volatile.Read(ref _subscribers).Length;

    public IDisposable Subscribe(StreamKey? key, Action<StreamChange> onChange)
    {
        var subscription = new Subscription(this, key, onChange);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    public void Notify(StreamKey key)
    {
        var change = new StreamChange(key);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (subscriber.Key is null || subscriber.Key == key) subscriber.OnChange(change);
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate) _subscribers = _subscribers.Where(s => s != subscription).ToArray();
    }

    private sealed class Subscription(StreamNotifier owner, StreamKey? key, Action<StreamChange> onChange) : IDisposable
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

/// <summary>The streams a node knows: the configured ones in configuration order, then those discovered since, by id.</summary>
internal sealed class StreamKeys(IEnumerable<StreamKey> configured)
{
    private readonly object _gate = new();
    private readonly HashSet<StreamKey> _known = [.. configured];
    private StreamKey[] _all = [.. configured];

    public IReadOnlyList<StreamKey> Configured { get; } = [.. configured];

    public IReadOnlyList<StreamKey> All => Volatile.Read(ref _all);

    public bool Contains(StreamKey key)
    {
        lock (_gate) return _known.Contains(key);
    }

    public bool IsConfigured(StreamKey key) => Configured.Contains(key);

    /// <summary>Forgets a stream that was added but never used, freeing its place; configured streams stay.</summary>
    public void Remove(StreamKey key)
    {
        lock (_gate)
        {
            if (IsConfigured(key) || !_known.Remove(key)) return;
            Volatile.Write(ref _all, [.. Configured, .. _known.Except(Configured).OrderBy(k => k.Id, StringComparer.Ordinal)]);
        }
    }

    /// <summary>Known already, or added now while there is room for it; false when the limit is reached.</summary>
    public bool TryAdd(StreamKey key, int limit)
    {
        lock (_gate)
        {
            if (_known.Contains(key)) return true;
            if (_known.Count >= limit) return false;
            _known.Add(key);
            Volatile.Write(ref _all, [.. Configured, .. _known.Except(Configured).OrderBy(k => k.Id, StringComparer.Ordinal)]);
            return true;
        }
    }
}
