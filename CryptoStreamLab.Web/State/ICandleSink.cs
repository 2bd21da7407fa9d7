using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.State;

/// <summary>What the Kafka consumer hands every validated candle to: the streams' engines and the state the UI watches.</summary>
public interface ICandleSink
{
    /// <summary>Applies one kline update to its stream. Must be called from one thread at a time per stream.</summary>
    /// <param name="eventTime">When the update was made at its source (epoch ms), or 0 when unknown: an update older
    /// than the stream's last one for the same candle is ignored as <see cref="CandleApplyOutcome.Stale"/>.</param>
    CandleApplyOutcome Apply(in Candle candle, long eventTime = 0);
}

public enum CandleApplyOutcome
{
    /// <summary>The update changed the stream (open candle moved, candle closed, or a new candle started).</summary>
    Applied,

    /// <summary>A repeat of what the stream already has; nothing changed.</summary>
    Unchanged,

    /// <summary>A different value for a candle already committed; the stream counted and ignored it.</summary>
    Rejected,

    /// <summary>The symbol × interval is not one the app is configured for.</summary>
    UnknownStream,

    /// <summary>An older copy of an update the stream already moved past (e.g. from a second ingest node); ignored.</summary>
    Stale,
}
