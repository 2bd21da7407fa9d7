using Confluent.Kafka;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Where a consumer stands on each partition of one topic: the next offset to apply, the partitions assigned, and
/// what was last stored for librdkafka's background commit. Positions outlive an assignment, so a partition that
/// comes back to this process after a rebalance resumes where it stopped. What is stored and committed is the applied
/// position whose writes are durable (<see cref="DurablePositions"/>), never further. Used from the consumer's thread only.
/// </summary>
internal sealed class PartitionOffsetBook
{
    private readonly Dictionary<int, long> _next = [];
    private readonly Dictionary<int, long> _stored = [];
    private readonly List<TopicPartition> _assigned = [];
    private readonly Dictionary<int, long> _expected = [];
    private readonly DurablePositions _durable = new();

    public IReadOnlyList<TopicPartition> Assigned => _assigned;

    /// <summary>The offset after the last applied message of <paramref name="partition"/>, if this process applied any.</summary>
    public bool TryGetNext(int partition, out long next) => _next.TryGetValue(partition, out next);

    public void Assign(TopicPartition partition) => Assign(new TopicPartitionOffset(partition, Offset.Unset));

    /// <param name="start">Where reading starts: a known offset, or Beginning when nothing precedes it (then no gap can be seen at first).</param>
    public void Assign(TopicPartitionOffset start)
    {
        _assigned.Add(start.TopicPartition);
        if (start.Offset.Value >= 0) _expected[start.Partition.Value] = start.Offset.Value;
        else _expected.Remove(start.Partition.Value);
    }

    /// <summary>
    /// A message at <paramref name="offset"/> of <paramref name="partition"/> was consumed: how many offsets were skipped before it
    /// (0 when it follows the last one, or where reading started). The candle topic is neither compacted nor written in
    /// transactions, so every skipped offset is a message the broker no longer had when the consumer asked for it.
    /// </summary>
    public long Consumed(int partition, long offset, out long expected)
    {
        var skipped = _expected.TryGetValue(partition, out expected) && offset > expected ? offset - expected : 0;
        _expected[partition] = offset + 1;
        return skipped;
    }

    /// <summary>The message at <paramref name="offset"/> is applied; the writes it queued are numbered up to <paramref name="writes"/> (0: none are kept).</summary>
    public void Applied(int partition, long offset, long writes = 0)
    {
        _next[partition] = offset + 1;
        _durable.Applied(partition, offset + 1, writes);
    }

    /// <summary>Every write numbered up to <paramref name="settled"/> is durable.</summary>
    public void Settle(long settled) => _durable.Settle(settled);

    /// <summary>Durable positions of assigned partitions not stored yet; pass each to <see cref="MarkStored"/> once stored.</summary>
    public List<TopicPartitionOffset> Unstored()
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in _assigned)
        {
            var id = partition.Partition.Value;
            if (_durable.TryGetDurable(id, out var next) && !(_stored.TryGetValue(id, out var stored) && stored == next))
                offsets.Add(new TopicPartitionOffset(partition, next));
        }
        return offsets;
    }

    public void MarkStored(TopicPartitionOffset offset) => _stored[offset.Partition.Value] = offset.Offset.Value;

    /// <summary>The durable positions of <paramref name="partitions"/>, to commit before giving them up.</summary>
    public List<TopicPartitionOffset> PositionsOf(IEnumerable<TopicPartition> partitions)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            if (_durable.TryGetDurable(partition.Partition.Value, out var next)) offsets.Add(new TopicPartitionOffset(partition, next));
        }
        return offsets;
    }

    /// <summary>Partitions taken away (revoked or lost): no longer assigned; their positions are kept.</summary>
    public void Release(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _assigned.Remove(partition);
            _stored.Remove(partition.Partition.Value);
            _expected.Remove(partition.Partition.Value);
            _durable.Forget(partition.Partition.Value);
        }
    }

    /// <summary>The consumer closed: nothing is assigned or stored any more; positions are kept for the next consumer.</summary>
    public void ReleaseAll()
    {
        foreach (var partition in _assigned) _durable.Forget(partition.Partition.Value);
        _assigned.Clear();
        _stored.Clear();
        _expected.Clear();
    }

    /// <summary>
    /// Messages on the assigned partitions not applied yet: high watermark minus position (the low watermark for a
    /// partition nothing was applied from). Partitions whose watermarks are not known yet count nothing.
    /// </summary>
    public long Lag(Func<TopicPartition, WatermarkOffsets> watermarks)
    {
        long lag = 0;
        foreach (var partition in _assigned)
        {
            var marks = watermarks(partition);
            if (marks.High == Offset.Unset) continue;
            var position = _next.TryGetValue(partition.Partition.Value, out var next) ? next : Math.Max(0, marks.Low.Value);
            lag += Math.Max(0, marks.High.Value - position);
        }
        return lag;
    }
}
