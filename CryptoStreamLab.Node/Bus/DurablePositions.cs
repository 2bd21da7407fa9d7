namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Holds back a consumer's applied positions until what applying them wrote is durable. Each applied message notes the
/// number of the newest write it queued (the ledger numbers its writes in order); once the writer reports every write up to
/// a number settled, the positions noted with it may be committed. A SIGKILL then loses no candle whose write was not
/// durable (its offset was never committed, so it is read again) and doubles none (the engine ignores repeats).
/// Consumer thread only; allocation-free once its ring has grown to the number of positions in flight.
/// </summary>
internal sealed class DurablePositions
{
    private (int Partition, long Next, long Seq)[] _ring = new (int, long, long)[1024];
    private int _head, _count;
    private readonly Dictionary<int, long> _durable = [];
    private long _settled;

    /// <summary>The message before <paramref name="next"/> of <paramref name="partition"/> is applied; its writes are numbered up to <paramref name="seq"/>.</summary>
    public void Applied(int partition, long next, long seq)
    {
        // Its writes are durable already (0: it queued none, ever): nothing older can still wait, as numbers only grow.
        if (seq <= _settled)
        {
            _durable[partition] = next;
            return;
        }
        if (_count > 0)
        {
            ref var tail = ref _ring[(_head + _count - 1) % _ring.Length];
            // Nothing new was written since the last position of the same partition: move that position on.
            if (tail.Partition == partition && tail.Seq == seq)
            {
                tail.Next = next;
                return;
            }
        }
        if (_count == _ring.Length) Grow();
        _ring[(_head + _count) % _ring.Length] = (partition, next, seq);
        _count++;
    }

    /// <summary>Every write numbered up to <paramref name="settled"/> is durable: the positions that waited for them are committable.</summary>
    public void Settle(long settled)
    {
        _settled = Math.Max(_settled, settled);
        while (_count > 0 && _ring[_head].Seq <= settled)
        {
            var (partition, next, _) = _ring[_head];
            if (partition >= 0) _durable[partition] = next;
            _head = (_head + 1) % _ring.Length;
            _count--;
        }
    }

    /// <summary>The position of <paramref name="partition"/> whose writes are all durable, if any.</summary>
    public bool TryGetDurable(int partition, out long next) => _durable.TryGetValue(partition, out next);

    /// <summary>
    /// <paramref name="partition"/> is no longer this consumer's: positions noted for it are forgotten, so one read before it
    /// went and settled after it came back can never move its committed offset backwards.
    /// </summary>
    public void Forget(int partition)
    {
        _durable.Remove(partition);
        for (var i = 0; i < _count; i++)
        {
            ref var entry = ref _ring[(_head + i) % _ring.Length];
            if (entry.Partition == partition) entry.Partition = -1;
        }
    }

    private void Grow()
    {
        var ring = new (int, long, long)[_ring.Length * 2];
        for (var i = 0; i < _count; i++) ring[i] = _ring[(_head + i) % _ring.Length];
        _ring = ring;
        _head = 0;
    }
}
