using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Engine;

/// <summary>
/// Moves stream ownership with the candle partitions the engines' group assigns. A partition this consumer keeps across
/// a rebalance goes on from its position. A partition new to it has its streams restored from the state topic, read up
/// to its end first so the previous owner's last changes are in, and is consumed from the oldest candle those streams
/// do not reflect yet (or the group's committed offset, if older), so no candle is missed and none trades twice.
/// Partitions another consumer took are released, and so are partitions this consumer gets back after losing them
/// (an expired session, a broker outage) if another one moved them on meanwhile. Used from the consumer's thread only.
/// </summary>
internal sealed class OwnershipHandover(ICandleSink sink, PartitionOffsetBook offsets, StateCatchUp? catchUp, string stateTopic, ILogger logger)
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(5);

    // Partitions whose streams this node's engine holds: assigned now, or given back in a rebalance still under way.
    private HashSet<int> _held = [];

    /// <summary>Where to start each of <paramref name="partitions"/>, and whether it starts behind its end (a restore).</summary>
    public List<(TopicPartitionOffset Start, bool Restores)> Assigned<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<TopicPartition> partitions)
    {
        var committed = Committed(consumer, partitions);
        var kept = new HashSet<int>();
        foreach (var partition in partitions)
        {
            var id = partition.Partition.Value;
            // Kept only if nobody else moved it on meanwhile: its committed offset is not past this consumer's position.
            if (_held.Contains(id) && offsets.TryGetNext(id, out var next) && committed.GetValueOrDefault(id, -1) <= next) kept.Add(id);
        }
        var assigned = partitions.Select(partition => partition.Partition.Value).ToHashSet();
        var released = _held.Where(id => !kept.Contains(id)).ToList();
        if (released.Count > 0) sink.Release(released);
        var fresh = assigned.Where(id => !kept.Contains(id)).ToList();
        var resume = fresh.Count > 0 ? TakeOver(consumer, fresh) : new Dictionary<int, long>();
        _held = assigned;

        var starts = new List<(TopicPartitionOffset, bool)>(partitions.Count);
        foreach (var partition in partitions)
        {
            var id = partition.Partition.Value;
            if (kept.Contains(id) && offsets.TryGetNext(id, out var next)) starts.Add((new TopicPartitionOffset(partition, next), false));
            else if (resume.TryGetValue(id, out var from))
                starts.Add((new TopicPartitionOffset(partition, Math.Min(from, committed.GetValueOrDefault(id, from))), true));
            else if (offsets.TryGetNext(id, out var known)) starts.Add((new TopicPartitionOffset(partition, known), false));
            // Nothing known of it anywhere: rebuild its streams from everything retained.
            else starts.Add((new TopicPartitionOffset(partition, Offset.Beginning), true));
        }
        return starts;
    }

    private Dictionary<int, long> TakeOver<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<int> partitions)
    {
        if (catchUp is not null && !catchUp.WaitUntilRead(p => consumer.QueryWatermarkOffsets(new TopicPartition(stateTopic, p), BrokerTimeout).High.Value,
                CatchUpTimeout))
        {
            logger.LogWarning("Kafka: {Topic} was not read to its end within {Seconds} s; taking partitions {Partitions} over with what was read",
                stateTopic, CatchUpTimeout.TotalSeconds, string.Join(",", partitions));
        }
        return new Dictionary<int, long>(sink.TakeOver(partitions));
    }

    private Dictionary<int, long> Committed<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<TopicPartition> partitions)
    {
        try
        {
            return consumer.Committed(partitions, BrokerTimeout)
                .Where(offset => offset.Offset.Value >= 0)
                .ToDictionary(offset => offset.Partition.Value, offset => offset.Offset.Value);
        }
        catch (KafkaException e)
        {
            logger.LogWarning("Kafka: cannot read the group's committed offsets ({Reason}); going by what this node knows", e.Error.Reason);
            return [];
        }
    }
}
