using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Something a webhook is told. <see cref="Id"/> is deterministic (stream, event, candle open time, side…), so every
/// retry, every restart and every node sends the same event under the same key, and a receiver can drop repeats.
/// </summary>
/// <param name="Time">Epoch milliseconds: the candle's open time for a fill or signal; when it was noticed for stale and kafka-down.</param>
public sealed record AlertEvent(AlertEventKind Kind, string Id, long Time, StreamKey? Stream)
{
    public Fill? Fill { get; init; }

    /// <summary>The committed candle's evaluation, for a signal.</summary>
    public Evaluation? Evaluation { get; init; }

    /// <summary>Epoch milliseconds of the stream's last update (or of when watching began), for stale.</summary>
    public long? SilentSince { get; init; }

    /// <summary>For stale: the configured MarketData:StaleAfter that was exceeded.</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>Why Kafka is unhealthy, for kafka-down.</summary>
    public string? Reason { get; init; }

    public static AlertEvent ForFill(StreamKey stream, Fill fill) =>
        new(AlertEventKind.Fill, $"{stream.Id}:fill:{fill.CandleOpenTime}:{fill.Side.Lower()}", fill.CandleOpenTime, stream) { Fill = fill };

    public static AlertEvent ForSignal(StreamKey stream, in Evaluation evaluation) =>
        new(AlertEventKind.Signal, $"{stream.Id}:signal:{evaluation.Candle.OpenTime}:{evaluation.Signal.Lower()}",
            evaluation.Candle.OpenTime, stream) { Evaluation = evaluation };

    public static AlertEvent ForStale(StreamKey stream, long silentSince, long now, TimeSpan staleAfter) =>
        new(AlertEventKind.Stale, $"{stream.Id}:stale:{silentSince}", now, stream) { SilentSince = silentSince, StaleAfter = staleAfter };

    public static AlertEvent ForKafkaDown(string node, long since, string reason) =>
        new(AlertEventKind.KafkaDown, $"{node}:kafka-down:{since}", since, null) { Reason = reason };
}
