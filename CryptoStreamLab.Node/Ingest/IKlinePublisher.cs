using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// Where every market-data source writes: each kline update (open-candle updates and the closing one)
/// goes through here to the Kafka topic, never straight to the engine.
/// </summary>
public interface IKlinePublisher
{
    /// <param name="candle">The kline as the source saw it.</param>
    /// <param name="eventTime">When the source produced the update (epoch ms), for latency figures.</param>
    ValueTask PublishAsync(Candle candle, long eventTime, CancellationToken cancellationToken);
}
