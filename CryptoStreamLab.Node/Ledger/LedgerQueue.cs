using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>One queued ledger write: a closed candle's entry, or a stream's reset.</summary>
internal readonly record struct LedgerOperation(LedgerEntry? Entry, LedgerReset? Reset);

internal sealed record LedgerReset(string Stream, AccountState Before, AccountState Fresh, long AsOfOpenTime, DateTimeOffset At);

/// <summary>
/// What waits to be written to the ledger, in order, between the candle consumer (which adds) and the ledger's writer thread
/// (which takes a batch and gives back what it could not write). Bounded: beyond <paramref name="capacity"/> entries the
/// oldest are dropped and counted. Thread-safe.
/// </summary>
internal sealed class LedgerQueue(int capacity)
{
    private readonly object _gate = new();
    private readonly List<LedgerOperation> _waiting = [];
    private int _entries, _inFlight;
    private long _dropped;

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

    public void Add(in LedgerEntry entry)
    {
        lock (_gate)
        {
            if (_entries == capacity && _waiting.FindIndex(operation => operation.Entry is not null) is var oldest and >= 0)
            {
                _waiting.RemoveAt(oldest);
                _entries--;
                _dropped++;
            }
            _waiting.Add(new LedgerOperation(entry, null));
            _entries++;
        }
    }

    /// <summary>Queues a reset after what waits, dropping the stream's waiting entries: the reset clears them anyway.</summary>
    public void Add(LedgerReset reset)
    {
        lock (_gate)
        {
            _entries -= _waiting.RemoveAll(operation => operation.Entry is { } entry && entry.Stream == reset.Stream);
            _waiting.Add(new LedgerOperation(null, reset));
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
            Monitor.PulseAll(_gate);
        }
    }

    public bool IsEmpty
    {
        get { lock (_gate) return _waiting.Count == 0 && _inFlight == 0; }
    }

    /// <summary>Blocks until nothing waits (true) or <paramref name="timeout"/> passes (false).</summary>
    public bool WaitUntilEmpty(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            while (_waiting.Count > 0 || _inFlight > 0)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0) return false;
                Monitor.Wait(_gate, (int)Math.Min(left, 100));
            }
            return true;
        }
    }
}
