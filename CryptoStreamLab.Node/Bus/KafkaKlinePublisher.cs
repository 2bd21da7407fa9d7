using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Writes every kline update to the topic, keyed by symbol so each symbol's updates stay in order on one partition.
/// <see cref="PublishAsync"/> completes when the message is queued; delivery is confirmed asynchronously and
/// counted in <see cref="KafkaStatus"/> (the idempotent producer retries on its own until it succeeds or times out). It never runs
/// further ahead of the engines' group than Kafka:MaxUnconsumed messages per partition (<see cref="PublishAheadGate"/>): a
/// replay at full speed waits for the consumers rather than outrun what the embedded broker keeps.
/// </summary>
public sealed class KafkaKlinePublisher : IKlinePublisher, IHostedService, IDisposable
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(1);

    /// <summary>Bounded so a cluster that is down cannot hold up shutdown past the host's own timeout.</summary>
    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(10);

    // Shared by every message to save three allocations per candle. Safe because Confluent.Kafka only reads
    // headers while copying them into librdkafka, and nothing here ever mutates this instance.
    private static readonly Headers SchemaHeaders = new() { { KlineCodec.SchemaVersionHeader, KlineCodec.SchemaVersion.ToArray() } };

    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly KafkaStatus _status;
    private readonly ILogger<KafkaKlinePublisher> _logger;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private int _disposed;
    private readonly LogThrottle _errorLog = new(TimeSpan.FromSeconds(10));
    private readonly PublishAheadGate _gate;

    public KafkaKlinePublisher(KafkaCluster cluster, IOptions<KafkaOptions> options, KafkaStatus status, ILogger<KafkaKlinePublisher> logger)
    {
        var settings = options.Value;
        _topic = settings.Topic;
        _status = status;
        _logger = logger;
        _onDelivery = OnDelivery;
        _producer = KafkaClientSettings.IdempotentProducer<string, byte[]>(settings, cluster.BootstrapServers, logger, OnClientError,
            KafkaClientSettings.LowLatencyBatches);
        _gate = new PublishAheadGate(settings, () => cluster.BootstrapServers, logger);
    }

    /// <summary>How many times publishing waited for the engines' group to catch up.</summary>
    public long PublishWaits => _gate.Waits;

    public ValueTask PublishAsync(Candle candle, long eventTime, CancellationToken cancellationToken)
    {
        var message = new Message<string, byte[]>
        {
            Key = candle.Symbol,
            Value = KlineCodec.Serialize(candle, eventTime),
            Headers = SchemaHeaders,
        };
        if (_gate.MustWait) return ProduceWhenConsumedAsync(message, cancellationToken);
        return TryProduce(message) ? ValueTask.CompletedTask : ProduceWhenQueueDrainsAsync(message, cancellationToken);
    }

    private async ValueTask ProduceWhenConsumedAsync(Message<string, byte[]> message, CancellationToken cancellationToken)
    {
        _status.RecordPublishWait();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!TryProduce(message)) await ProduceWhenQueueDrainsAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until everything queued has been delivered or <paramref name="timeout"/> passes; returns what is still queued.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after the market-data sources have stopped and before the consumer does (hosted services stop in reverse
    /// order of registration): every candle already handed over is delivered, and counted, before the app goes down.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        var undelivered = await Task.Run(() => _producer.Flush(ShutdownFlushTimeout), CancellationToken.None).ConfigureAwait(false);
        if (undelivered > 0)
            _logger.LogWarning("Kafka producer stopping with {Count} candles undelivered after {Seconds} s", undelivered,
                ShutdownFlushTimeout.TotalSeconds);
    }

    private bool TryProduce(Message<string, byte[]> message)
    {
        _gate.Producing();
        try
        {
            _producer.Produce(_topic, message, _onDelivery);
            return true;
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            _gate.Failed();
            return false;
        }
    }

    /// <summary>A replay can outrun the broker; back-pressure the caller instead of dropping candles.</summary>
    private async ValueTask ProduceWhenQueueDrainsAsync(Message<string, byte[]> message, CancellationToken cancellationToken)
    {
        do
        {
            await Task.Delay(QueueFullBackoff, cancellationToken).ConfigureAwait(false);
        }
        while (!TryProduce(message));
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (!report.Error.IsError)
        {
            _gate.Delivered(report.Partition.Value, report.Offset.Value);
            _status.RecordProduced();
            _status.SetConnected(true);
            return;
        }
        _gate.Failed();
        _status.RecordProduceError(report.Error.Reason);
        LogThrottled(report.Error);
    }

    private void OnClientError(Error error)
    {
        _status.RecordClientError(error.Code, error.Reason);
        LogThrottled(error);
    }

    private void LogThrottled(Error error)
    {
        if (_errorLog.ShouldLog())
            _logger.LogWarning("Kafka producer: {Code} {Reason} (repeats in the next {Seconds} s are only counted)",
                error.Code, error.Reason, _errorLog.Interval.TotalSeconds);
    }

    public void Dispose()
    {
        // Registered both as itself and as IKlinePublisher, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        var undelivered = _producer.Flush(TimeSpan.FromSeconds(10));
        if (undelivered > 0) _logger.LogWarning("Kafka producer closed with {Count} candles undelivered", undelivered);
        _producer.Dispose();
        _gate.Dispose();
    }
}
