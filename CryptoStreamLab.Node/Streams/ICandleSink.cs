using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>What the Kafka consumer hands every validated candle to: the streams' engines and the state the UI watches.</summary>
public interface ICandleSink
{
    /// <summary>Applies one kline update to its stream. Must be called from one thread at a time per stream.</summary>
    /// <param name="eventTime">When the update was made at its source (epoch ms), or 0 when unknown: an update older
    /// than the stream's last one for the same candle is ignored as <see cref="CandleApplyOutcome.Stale"/>.</param>
    /// <param name="origin">Where the candle sat in the candle topic, for a later owner of the stream.</param>
    CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null);

    /// <summary>
    /// The consumer now owns <paramref name="partitions"/>: the sink restores what it knows of their streams and says, per
    /// partition, the offset to resume from so nothing they do not reflect yet is missed. None: the consumer decides.
    /// </summary>
    IReadOnlyDictionary<int, long> TakeOver(IReadOnlyCollection<int> partitions) => new Dictionary<int, long>();

    /// <summary>Called by the consumer every few milliseconds: publishes what the sink held back to coalesce (open-candle changes).</summary>
    void Flush()
    {
    }

    /// <summary>The consumer no longer owns <paramref name="partitions"/>; another engine runs their streams now.</summary>
    void Release(IReadOnlyCollection<int> partitions)
    {
    }
}

public enum CandleApplyOutcome
{
    /// <summary>The update changed the stream (open candle moved, candle closed, or a new candle started).</summary>
    Applied,

    /// <summary>A repeat of what the stream already has; nothing changed.</summary>
    Unchanged,

    /// <summary>A different value for a candle already committed; the stream counted and ignored it.</summary>
    Rejected,

    /// <summary>A stream beyond the most one node follows (<see cref="StreamDirectory.MaxStreamsPerNode"/>).</summary>
    UnknownStream,

    /// <summary>An older copy of an update the stream already moved past (e.g. from a second ingest node); ignored.</summary>
    Stale,
}
