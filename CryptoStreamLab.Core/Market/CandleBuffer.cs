namespace CryptoStreamLab.Core.Market;

/// <summary>What an update did to a <see cref="CandleBuffer"/>.</summary>
public enum UpsertOutcome
{
    /// <summary>A repeat of what the buffer holds; nothing changed.</summary>
    Unchanged,

    /// <summary>The newest candle is open and its values moved (or a new open candle started).</summary>
    OpenUpdated,

    /// <summary>The newest candle is now closed and committed (its closing update, or a new candle that arrived closed).</summary>
    Committed,

    /// <summary>A different value for a committed candle; counted and ignored.</summary>
    Rejected,

    /// <summary>
    /// An update older than what the buffer holds: an open update of a candle already closed, one whose event time is
    /// before the last applied update's (a second ingest node's late copy), or a candle from before the buffer's window
    /// (retained history replayed after a restart that began from the archive). Ignored, so a stream never moves backwards.
    /// </summary>
    Stale,
}

/// <summary>The outcome, and whether the previous candle had to be committed first because its closing update never came.</summary>
public readonly record struct UpsertResult(UpsertOutcome Outcome, bool CommittedPrevious);

/// <summary>
/// One stream's rolling window of candles, oldest first, in a fixed ring: the newest may still be open.
/// Allocation-free per update. Not thread-safe: one writer per stream.
/// </summary>
public sealed class CandleBuffer
{
    public const int DefaultCapacity = 1_000;

    private readonly Candle[] _ring;
    private int _start;

    // Event time of the newest candle's last applied update (0 = unknown), to recognise older copies of it.
    private long _newestEventTime;

    public CandleBuffer(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _ring = new Candle[capacity];
    }

    public int Capacity => _ring.Length;

    public int Count { get; private set; }

    /// <summary>Updates refused because they contradicted a committed candle or filled a gap the stream had moved past.</summary>
    public long RejectedCount { get; private set; }

    /// <summary>True when the newest candle has not received its closing update yet.</summary>
    public bool HasOpenCandle => Count > 0 && !Newest.IsClosed;

    /// <summary>The i-th candle, 0 being the oldest held.</summary>
    public ref readonly Candle this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _ring[Slot(index)];
        }
    }

    public ref readonly Candle Newest
    {
        get
        {
            if (Count == 0) throw new InvalidOperationException("The buffer is empty.");
            return ref _ring[Slot(Count - 1)];
        }
    }

    /// <param name="eventTime">When the update was made at its source (epoch ms), or 0 when unknown.</param>
    public UpsertResult Upsert(in Candle candle, long eventTime = 0)
    {
        if (Count == 0)
        {
            Append(candle);
            _newestEventTime = eventTime;
            return new UpsertResult(candle.IsClosed ? UpsertOutcome.Committed : UpsertOutcome.OpenUpdated, false);
        }

        ref var newest = ref _ring[Slot(Count - 1)];
        if (candle.OpenTime == newest.OpenTime)
        {
            if (newest.IsClosed) return CompareWithCommitted(newest, candle);
            if (eventTime > 0 && eventTime < _newestEventTime) return new UpsertResult(UpsertOutcome.Stale, false);
            if (candle.HasSameValues(newest) && candle.IsClosed == newest.IsClosed) return new UpsertResult(UpsertOutcome.Unchanged, false);
            newest = candle;
            _newestEventTime = Math.Max(_newestEventTime, eventTime);
            return new UpsertResult(candle.IsClosed ? UpsertOutcome.Committed : UpsertOutcome.OpenUpdated, false);
        }

        if (candle.OpenTime > newest.OpenTime)
        {
            var committedPrevious = !newest.IsClosed;
            if (committedPrevious) newest = newest.AsClosed();
            Append(candle);
            _newestEventTime = eventTime;
            return new UpsertResult(candle.IsClosed ? UpsertOutcome.Committed : UpsertOutcome.OpenUpdated, committedPrevious);
        }

        var index = IndexOf(candle.OpenTime);
        if (index < 0)
        {
            // Inside the window but not held: a gap the stream has moved past. Before the window: history, nothing to compare.
            if (candle.OpenTime < this[0].OpenTime) return new UpsertResult(UpsertOutcome.Stale, false);
            RejectedCount++;
            return new UpsertResult(UpsertOutcome.Rejected, false);
        }

        return CompareWithCommitted(_ring[Slot(index)], candle);
    }

    /// <summary>Index of the candle opening at <paramref name="openTime"/>, or −1. Binary search: the buffer is ordered.</summary>
    public int IndexOf(long openTime)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var t = _ring[Slot(mid)].OpenTime;
            if (t == openTime) return mid;
            if (t < openTime) low = mid + 1;
            else high = mid - 1;
        }

        return -1;
    }

    /// <summary>Copies the candles, oldest first, into a new array (for snapshots off the writer's thread).</summary>
    public Candle[] ToArray()
    {
        var copy = new Candle[Count];
        for (var i = 0; i < Count; i++) copy[i] = _ring[Slot(i)];
        return copy;
    }

    private UpsertResult CompareWithCommitted(in Candle committed, in Candle update)
    {
        // A closed candle gets no later update, so an open one for it is an old copy.
        if (!update.IsClosed) return new UpsertResult(UpsertOutcome.Stale, false);
        if (update.HasSameValues(committed)) return new UpsertResult(UpsertOutcome.Unchanged, false);
        RejectedCount++;
        return new UpsertResult(UpsertOutcome.Rejected, false);
    }

    private void Append(in Candle candle)
    {
        if (Count == _ring.Length)
        {
            _ring[_start] = candle;
            _start = _start + 1 == _ring.Length ? 0 : _start + 1;
            return;
        }

        _ring[Slot(Count)] = candle;
        Count++;
    }

    private int Slot(int index)
    {
        var slot = _start + index;
        return slot >= _ring.Length ? slot - _ring.Length : slot;
    }
}
