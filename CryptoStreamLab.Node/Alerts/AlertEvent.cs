using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Something a webhook is told. <see cref="Id"/> is deterministic (stream, event, candle open time, side…), so every
/// retry, every restart and every node sends the same event under the same key, and a receiver can drop repeats.
/// </summary>
/// <param name="Time">Epoch milliseconds: the candle's open time for a fill or signal; when it was noticed for stale and kafka-down.</param>
public sealed record AlertEvent(AlertEventKind Kind, string Id, long Time, StreamKey? Stream)
{
    /// <summary>The strategy whose fill or signal it is, when the app runs a <c>Strategies</c> lineup; null for the single default strategy.</summary>
    public string? Strategy { get; init; }

    /// <summary>The strategy's series, naming <see cref="Evaluation"/>'s values, for a signal of a named strategy.</summary>
    public IReadOnlyList<SeriesSpec>? Series { get; init; }

    public Fill? Fill { get; init; }

    /// <summary>The committed candle's evaluation, for a signal.</summary>
    public Evaluation? Evaluation { get; init; }

    /// <summary>Epoch milliseconds of the stream's last update (or of when watching began), for stale.</summary>
    public long? SilentSince { get; init; }

    /// <summary>For stale: the configured MarketData:StaleAfter that was exceeded.</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>Why Kafka is unhealthy, for kafka-down.</summary>
    public string? Reason { get; init; }

    /// <param name="strategy">The strategy's name when the app runs a lineup (it becomes part of the id: "BTCUSDT-1m/breakout:fill:…").</param>
    public static AlertEvent ForFill(StreamKey stream, Fill fill, string? strategy = null) =>
        new(AlertEventKind.Fill, $"{Book(stream, strategy)}:fill:{fill.CandleOpenTime}:{fill.Side.Lower()}", fill.CandleOpenTime, stream)
        {
            Fill = fill, Strategy = strategy,
        };

    public static AlertEvent ForSignal(StreamKey stream, in Evaluation evaluation, string? strategy = null, IReadOnlyList<SeriesSpec>? series = null) =>
        new(AlertEventKind.Signal, $"{Book(stream, strategy)}:signal:{evaluation.Candle.OpenTime}:{evaluation.Signal.Lower()}",
            evaluation.Candle.OpenTime, stream) { Evaluation = evaluation, Strategy = strategy, Series = strategy is null ? null : series };

    private static string Book(StreamKey stream, string? strategy) => strategy is null ? stream.Id : $"{stream.Id}/{strategy}";

    public static AlertEvent ForStale(StreamKey stream, long silentSince, long now, TimeSpan staleAfter) =>
        new(AlertEventKind.Stale, $"{stream.Id}:stale:{silentSince}", now, stream) { SilentSince = silentSince, StaleAfter = staleAfter };

    public static AlertEvent ForKafkaDown(string node, long since, string reason) =>
        new(AlertEventKind.KafkaDown, $"{node}:kafka-down:{since}", since, null) { Reason = reason };
}
