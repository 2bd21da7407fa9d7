using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Engine;

/// <summary>
/// Writes every change of the streams this node's engine owns, and the node's heartbeats, to the state topic (key =
/// stream id, or node:ID), through one idempotent producer. A full queue holds the caller (the candle consumer) back
/// rather than dropping a change; delivery failures are counted in <see cref="KafkaStatus"/>. Every message is signed with the
/// <see cref="ClusterKey"/> (<see cref="MessageSignature"/>), so readers can tell it from a message any other client wrote.
/// </summary>
public sealed class KafkaStatePublisher : IStateSink, IHostedService, IDisposable
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(1);

    // One set of headers whose signature bytes are rewritten for each message under _signing: Confluent.Kafka copies headers
    // into librdkafka inside Produce and never reads them again, so no message needs headers of its own.
    private readonly byte[] _signature = new byte[MessageSignature.Length];
    private readonly Headers _headers, _stateHeaders;
    private readonly MessageSignature _signer;
    private readonly Lock _signing = new();

    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly KafkaStatus _status;
    private readonly ILogger<KafkaStatePublisher> _logger;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private readonly LogThrottle _errorLog = new(TimeSpan.FromSeconds(10));
    private int _disposed;

    // Metrics only: produce → delivery of each state message, from its production time kept per key until its report.
    private readonly PipelineMetrics? _metrics;
    private readonly DeliveryTimes _deliveryTimes = new();

    public KafkaStatePublisher(KafkaCluster cluster, IOptions<KafkaOptions> options, ClusterKey clusterKey, StateOrigin origin, KafkaStatus status,
        ILogger<KafkaStatePublisher> logger, PipelineMetrics? metrics = null)
    {
        _metrics = metrics;
        _signer = clusterKey.NewSignature();
        _headers = new() { { KlineCodec.SchemaVersionHeader, KlineCodec.SchemaVersion.ToArray() }, { MessageSignature.Header, _signature } };
        // Stream changes also say which app wrote them, so its own state reader can skip them (heartbeats it reads like any other).
        _stateHeaders = new()
        {
            { KlineCodec.SchemaVersionHeader, KlineCodec.SchemaVersion.ToArray() }, { MessageSignature.Header, _signature }, { StateOrigin.Header, origin.Id },
        };
        _topic = options.Value.StateTopic;
        _status = status;
        _logger = logger;
        _onDelivery = OnDelivery;
        _producer = KafkaClientSettings.IdempotentProducer<string, byte[]>(options.Value, cluster.BootstrapServers, logger,
            error => OnError(error.Code, error.Reason), KafkaClientSettings.LowLatencyBatches);
    }

    public void Publish(StateUpdate update) => Produce(update.Key.Id, StateCodec.Serialize(update), _stateHeaders);

    public void Publish(NodeHeartbeat heartbeat) => Produce(StateCodec.KeyOf(heartbeat), StateCodec.Serialize(heartbeat), _headers);

    /// <summary>Waits until every change handed over is delivered or <paramref name="timeout"/> passes; returns what is still queued.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the candle consumer has stopped: every change already published is delivered before the app goes down.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        if (Volatile.Read(ref _disposed) == 0 && _producer.Flush(TimeSpan.FromSeconds(10)) is var undelivered and > 0)
            _logger.LogWarning("Kafka state producer stopping with {Count} changes undelivered", undelivered);
    }, CancellationToken.None);

    private void Produce(string key, byte[] value, Headers headers)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                lock (_signing)
                {
                    _signer.Compute(key, value, _signature);
                    _producer.Produce(_topic, message, _onDelivery);
                    if (_metrics is not null) _deliveryTimes.Produced(key);
                }
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                Thread.Sleep(QueueFullBackoff);
            }
            catch (ObjectDisposedException)
            {
                return; // shutting down: the engine has stopped too
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        var producedAt = _metrics is null ? 0 : _deliveryTimes.Delivered(report.Message.Key);
        if (report.Error.IsError) OnError(report.Error.Code, report.Error.Reason);
        else
        {
            _status.RecordStatePublished();
            _metrics?.RecordStatePublished(producedAt);
        }
    }

    private void OnError(ErrorCode code, string reason)
    {
        _status.RecordClientError(code, reason);
        if (_errorLog.ShouldLog())
            _logger.LogWarning("Kafka state producer: {Code} {Reason} (repeats in the next {Seconds} s are not logged)", code, reason,
                _errorLog.Interval.TotalSeconds);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        var undelivered = _producer.Flush(TimeSpan.FromSeconds(10));
        if (undelivered > 0) _logger.LogWarning("Kafka state producer closed with {Count} changes undelivered", undelivered);
        _producer.Dispose();
        lock (_signing) _signer.Dispose();
    }
}
