using System.Diagnostics;

namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>
/// When each message still awaiting its delivery report was produced (a <see cref="Stopwatch"/> timestamp), per key, so a
/// delivery handler can tell how long its message took without a state object per message: a producer delivers the
/// messages of one key (one partition) in the order they were produced, so the oldest time waiting for a key is the one of
/// the message being reported. The broker's timestamp cannot serve: the embedded broker answers every produce with a fixed
/// log-append time. Thread-safe; allocation-free once each key's ring has grown to its most messages in flight.
/// </summary>
public sealed class DeliveryTimes
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Ring> _byKey = new(StringComparer.Ordinal);

    /// <summary>A message of <paramref name="key"/> was handed to the producer just now.</summary>
    public void Produced(string key)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var ring)) _byKey[key] = ring = new Ring();
            ring.Push(now);
        }
    }

    /// <summary>The delivery report of <paramref name="key"/>'s oldest waiting message: its production time, 0 when unknown.</summary>
    public long Delivered(string? key)
    {
        if (key is null) return 0;
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var ring)) _byKey[key] = ring = new Ring();
            return ring.Pop();
        }
    }

    /// <summary>
    /// A FIFO of timestamps. A report that finds it empty (it came before <see cref="Produced"/> was noted) is owed: the next
    /// push is dropped, so the ring never falls one message out of step.
    /// </summary>
    private sealed class Ring
    {
        private long[] _items = new long[4];
        private int _head, _count, _owed;

        public void Push(long timestamp)
        {
            if (_owed > 0)
            {
                _owed--;
                return;
            }
            if (_count == _items.Length)
            {
                var grown = new long[_items.Length * 2];
                for (var i = 0; i < _count; i++) grown[i] = _items[(_head + i) % _items.Length];
                _items = grown;
                _head = 0;
            }
            _items[(_head + _count) % _items.Length] = timestamp;
            _count++;
        }

        public long Pop()
        {
            if (_count == 0)
            {
                _owed++;
                return 0;
            }
            var timestamp = _items[_head];
            _head = (_head + 1) % _items.Length;
            _count--;
            return timestamp;
        }
    }
}
