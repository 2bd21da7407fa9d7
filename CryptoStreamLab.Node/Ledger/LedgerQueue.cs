using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>One queued ledger write: a closed candle's entry, or a stream's reset; <paramref name="Seq"/> numbers it in the order queued.</summary>
internal readonly record struct LedgerOperation(LedgerEntry? Entry, LedgerReset? Reset, long Seq);

internal sealed record LedgerReset(string Stream, AccountState Before, AccountState Fresh, long AsOfOpenTime, DateTimeOffset At);

/// <summary>
/// What waits to be written to the ledger, in order, between the candle consumer (which adds) and the ledger's writer thread
/// (which takes a batch and gives back what it could not write). Bounded: beyond <paramref name="capacity"/> entries the
/// oldest are dropped and counted. Every operation is numbered in the order it was queued (<see cref="Queued"/>), and
/// <see cref="Settled"/> says up to which number everything is done with (written, or dropped and reported), so the candle
/// consumer commits offsets only for candles whose entries are durable. Thread-safe.
/// </summary>
internal sealed class LedgerQueue(int capacity)
{
    private readonly object _gate = new();
    private readonly List<LedgerOperation> _waiting = [];
    private int _entries, _inFlight;
    private long _dropped, _queued;
    private long _inFlightFirst = long.MaxValue;

    public int Capacity => capacity;

    /// <summary>Entries waiting, including those the writer is writing now.</summary>
    public int Count
    {
        get { lock (_gate) return _entries + _inFlight; }
    }

    public long Dropped
    {
        get { lock (_gate) return _dropped; }
    }

    /// <summary>How many operations were ever queued: the number the newest one got.</summary>
    public long Queued
    {
        get { lock (_gate) return _queued; }
    }

    /// <summary>Every operation numbered up to this is done with: written, or dropped (and reported) or cleared by a reset.</summary>
    public long Settled
    {
        get
        {
            lock (_gate)
            {
                var oldest = _inFlightFirst;
                if (_waiting.Count > 0) oldest = Math.Min(oldest, _waiting[0].Seq);
                return oldest == long.MaxValue ? _queued : oldest - 1;
            }
        }
    }

    /// <summary>Queues a closed candle's entry; returns how many operations wait now (not counting a batch being written).</summary>
    public int Add(in LedgerEntry entry)
    {
        lock (_gate)
        {
            if (_entries == capacity && _waiting.FindIndex(operation => operation.Entry is not null) is var oldest and >= 0)
            {
                _waiting.RemoveAt(oldest);
                _entries--;
                _dropped++;
            }
            _waiting.Add(new LedgerOperation(entry, null, ++_queued));
            _entries++;
            return _waiting.Count;
        }
    }

    /// <summary>Queues a reset after what waits, dropping the stream's waiting entries: the reset clears them anyway.</summary>
    public void Add(LedgerReset reset)
    {
        lock (_gate)
        {
            _entries -= _waiting.RemoveAll(operation => operation.Entry is { } entry && entry.Stream == reset.Stream);
            _waiting.Add(new LedgerOperation(null, reset, ++_queued));
        }
    }

    /// <summary>Everything waiting, for the writer; hand it back with <see cref="Finished"/>.</summary>
    public List<LedgerOperation> Take()
    {
        lock (_gate)
        {
            var batch = new List<LedgerOperation>(_waiting);
            _waiting.Clear();
            _inFlight = _entries;
            _entries = 0;
            _inFlightFirst = batch.Count > 0 ? batch[0].Seq : long.MaxValue;
            return batch;
        }
    }

    /// <summary>The writer wrote the first <paramref name="done"/> operations of <paramref name="batch"/>; the rest wait again, first.</summary>
    public void Finished(List<LedgerOperation> batch, int done)
    {
        lock (_gate)
        {
            var rest = batch.Skip(done).ToList();
            _waiting.InsertRange(0, rest);
            _entries += rest.Count(operation => operation.Entry is not null);
            _inFlight = 0;
            _inFlightFirst = long.MaxValue;
            Monitor.PulseAll(_gate);
        }
    }

    public bool IsEmpty
    {
        get { lock (_gate) return _waiting.Count == 0 && _inFlightFirst == long.MaxValue; }
    }

    /// <summary>Blocks until nothing waits (true) or <paramref name="timeout"/> passes (false).</summary>
    public bool WaitUntilEmpty(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            while (_waiting.Count > 0 || _inFlightFirst != long.MaxValue)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0) return false;
                Monitor.Wait(_gate, (int)Math.Min(left, 100));
            }
            return true;
        }
    }
}
