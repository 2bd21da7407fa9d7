using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Web.Diagnostics;
using CryptoStreamLab.Web.State;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Kafka;

/// <summary>
/// Reads the topic and hands every valid candle to the <see cref="ICandleSink"/>, one message at a time per
/// partition so each symbol's updates arrive in order. Bad messages are copied to the dead-letter topic and
/// skipped. Offsets are committed only for messages already applied (at-least-once; the sink treats repeats as
/// unchanged).
/// </summary>
/// <remarks>
/// The sink's state lives in memory, so on start every newly assigned partition is read again from its earliest
/// retained offset up to the high watermark seen at assignment (<see cref="KafkaStatus.Restoring"/> meanwhile),
/// whatever the group committed. Positions are remembered for the life of this service, so a rebalance or a
/// consumer restart inside the same process resumes where it stopped instead of applying candles twice.
/// </remarks>
public sealed class KafkaConsumerService : BackgroundService
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private const int CommitIntervalMs = 1_000;
    private const long StoreIntervalMs = 100;
    private const long LagIntervalMs = 500;

    private readonly KafkaCluster _cluster;
    private readonly KafkaOptions _options;
    private readonly ICandleSink _sink;
    private readonly KafkaStatus _status;
    private readonly ILogger<KafkaConsumerService> _logger;
    private readonly PipelineMetrics? _metrics;
    private readonly ErrorLogThrottle _errorLog = new(TimeSpan.FromSeconds(10));

    // Consumer-thread state (the rebalance handlers run inside Consume on the same thread).
    private readonly Dictionary<int, long> _positions = [];
    private readonly Dictionary<int, long> _stored = [];
    private readonly Dictionary<int, long> _restoreTargets = [];
    private readonly List<TopicPartition> _assigned = [];
    private readonly Stopwatch _restoreClock = new();
    private long _restoredMessages;
    private long _nextStoreAt, _nextLagAt;

    private IProducer<byte[]?, byte[]?>? _deadLetters;

    public KafkaConsumerService(
        KafkaCluster cluster,
        IOptions<KafkaOptions> options,
        ICandleSink sink,
        KafkaStatus status,
        ILogger<KafkaConsumerService> logger,
        PipelineMetrics? metrics = null)
    {
        _metrics = metrics;
        _cluster = cluster;
        _options = options.Value;
        _sink = sink;
        _status = status;
        _logger = logger;
    }

    /// <summary>Consume blocks, so the loop gets a thread of its own rather than a thread-pool thread.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        // Until the first assignment says otherwise, the sink may be missing retained candles.
        _status.SetRestoring(true);
        var retryDelay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_cluster.EnsureTopicsAsync(stoppingToken).GetAwaiter().GetResult())
                {
                    retryDelay = FirstRetryDelay;
                    Consume(stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Never give up on the stream: log, then rebuild the consumer from the remembered positions.
                _status.RecordError(e.Message);
                _logger.LogError(e, "Kafka consumer failed; restarting it in {Delay} s", retryDelay.TotalSeconds);
            }
            // Back off so a cluster that stays away does not fill the log.
            stoppingToken.WaitHandle.WaitOne(retryDelay);
            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        }
        _deadLetters?.Flush(TimeSpan.FromSeconds(5));
    }

    private void Consume(CancellationToken stoppingToken)
    {
        using var consumer = BuildConsumer();
        consumer.Subscribe(_options.Topic);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string?, KlineRecord>? result;
                try
                {
                    result = consumer.Consume(PollTimeout);
                }
                catch (ConsumeException e)
                {
                    // Broker-side trouble on one fetch (a deleted topic, a leader change): librdkafka recovers by itself.
                    OnClientError(e.Error);
                    continue;
                }
                if (result is { IsPartitionEOF: false }) Handle(result);
                Housekeeping(consumer);
            }
        }
        finally
        {
            Commit(consumer, _assigned);
            consumer.Close();
            _assigned.Clear();
            _stored.Clear();
            _status.SetAssignedPartitions(0);
        }
    }

    private IConsumer<string?, KlineRecord> BuildConsumer()
    {
        var config = KafkaClientSettings.Build<ConsumerConfig>(_options, _cluster.BootstrapServers, consumer =>
        {
            consumer.AutoOffsetReset = AutoOffsetReset.Earliest;
            // Headers carry the schema version; the topic name and timestamps are known or unused, so skip copying them.
            consumer.ConsumeResultFields = "headers";
            if (_cluster.IsEmbedded)
            {
                // The embedded broker keeps a group that lost its last member waiting for it until the session
                // timeout runs out, so a restarted consumer would sit idle for most of the default 45 s.
                consumer.SessionTimeoutMs = 3_000;
                consumer.HeartbeatIntervalMs = 500;
                // It also answers an empty fetch only when the wait runs out, not when data arrives (a real broker
                // does), so the default 500 ms wait would be added to every live candle's latency.
                consumer.FetchWaitMaxMs = 5;
            }
        });
        config.GroupId = _options.GroupId;
        // At-least-once: offsets are stored by hand once their message is applied (never automatically on receipt)
        // and librdkafka commits the stored ones in the background. A synchronous commit on the consume thread
        // stalled live candles by up to a few hundred milliseconds on a busy machine.
        config.EnableAutoOffsetStore = false;
        config.EnableAutoCommit = true;
        config.AutoCommitIntervalMs = CommitIntervalMs;

        return new ConsumerBuilder<string?, KlineRecord>(config)
            .SetKeyDeserializer(new SymbolKeyDeserializer())
            .SetValueDeserializer(new KlineRecordDeserializer(_options.MaxMessageBytes))
            .SetLogHandler((_, message) => KafkaClientSettings.Log(_logger, message))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .Build();
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<string?, KlineRecord> consumer, List<TopicPartition> partitions)
    {
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        long retained = 0;
        foreach (var partition in partitions)
        {
            _assigned.Add(partition);
            if (_positions.TryGetValue(partition.Partition.Value, out var next))
            {
                starts.Add(new TopicPartitionOffset(partition, next));
                continue;
            }

            // New to this process: rebuild the sink from everything retained for this partition.
            starts.Add(new TopicPartitionOffset(partition, Offset.Beginning));
            try
            {
                var watermarks = consumer.QueryWatermarkOffsets(partition, WatermarkTimeout);
                if (watermarks.High.Value > watermarks.Low.Value)
                {
                    _restoreTargets[partition.Partition.Value] = watermarks.High.Value;
                    retained += watermarks.High.Value - Math.Max(0, watermarks.Low.Value);
                }
            }
            catch (KafkaException e)
            {
                _logger.LogWarning("Kafka: cannot read the extent of {Topic} partition {Partition} ({Reason}); it is consumed " +
                    "from the beginning without a restore phase", _options.Topic, partition.Partition.Value, e.Error.Reason);
            }
        }

        _status.SetAssignedPartitions(_assigned.Count);
        _status.SetConnected(true);
        _logger.LogInformation("Kafka: group {Group} assigned {Topic} partitions {Partitions}", _options.GroupId, _options.Topic,
            string.Join(",", partitions.Select(partition => partition.Partition.Value)));
        if (_restoreTargets.Count > 0)
        {
            _restoreClock.Restart();
            _logger.LogInformation("Kafka: restoring {Messages} retained messages from {Partitions} partitions of {Topic}",
                retained, _restoreTargets.Count, _options.Topic);
        }
        else
        {
            _status.SetRestoring(false);
        }
        return starts;
    }

    private void OnRevoked(IConsumer<string?, KlineRecord> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(partition => partition.TopicPartition).ToList();
        Commit(consumer, revoked);
        Forget(revoked);
    }

    private void OnLost(IConsumer<string?, KlineRecord> consumer, List<TopicPartitionOffset> partitions) =>
        Forget(partitions.Select(partition => partition.TopicPartition).ToList());

    private void Forget(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _assigned.Remove(partition);
            _stored.Remove(partition.Partition.Value);
            _restoreTargets.Remove(partition.Partition.Value);
        }
        _status.SetAssignedPartitions(_assigned.Count);
        if (_restoreTargets.Count == 0) _status.SetRestoring(false);
    }

    private void Handle(ConsumeResult<string?, KlineRecord> result)
    {
        _status.RecordConsumed();
        var message = result.Message;
        var record = message.Value;
        var error = record.Error;
        var rawValue = record.RawValue;
        if (error is null && message.Key is { } key && !string.Equals(key, record.Candle.Symbol, StringComparison.Ordinal))
        {
            // A symbol on the wrong key may sit on the wrong partition, out of order with the rest of its stream.
            error = $"key '{key}' does not match symbol '{record.Candle.Symbol}'";
            rawValue = KlineCodec.Serialize(record.Candle, record.EventTime);
        }
        if (error is null)
        {
            try
            {
                _sink.Apply(record.Candle);
                _status.RecordApplied();
                _metrics?.RecordApplied(record.EventTime);
            }
            catch (Exception e)
            {
                // A sink bug must not wedge the stream on one candle; keep the candle for inspection and move on.
                _logger.LogError(e, "Kafka: the candle sink failed on {Topic} partition {Partition} offset {Offset}",
                    _options.Topic, result.Partition.Value, result.Offset.Value);
                error = "the candle sink failed: " + e.Message;
                rawValue = KlineCodec.Serialize(record.Candle, record.EventTime);
            }
        }
        if (error is not null) DeadLetter(result, error, rawValue);

        var partition = result.Partition.Value;
        var next = result.Offset.Value + 1;
        _positions[partition] = next;
        if (_restoreTargets.Count > 0) TrackRestore(partition, next);
    }

    private void TrackRestore(int partition, long next)
    {
        _restoredMessages++;
        if (!_restoreTargets.TryGetValue(partition, out var target) || next < target) return;
        _restoreTargets.Remove(partition);
        if (_restoreTargets.Count > 0) return;
        _status.SetRestoring(false);
        _logger.LogInformation("Kafka: restored {Messages} messages in {Elapsed} ms; now live", _restoredMessages,
            _restoreClock.ElapsedMilliseconds);
        _restoredMessages = 0;
    }

    private void DeadLetter(ConsumeResult<string?, KlineRecord> result, string reason, byte[]? rawValue)
    {
        _status.RecordDeadLettered();
        // Bad input is rare and each case needs a human, so this is the one per-message log line.
        _logger.LogWarning("Kafka: {Topic} partition {Partition} offset {Offset} rejected and copied to {DeadLetterTopic}: {Reason}",
            _options.Topic, result.Partition.Value, result.Offset.Value, _options.DeadLetterTopic, reason);

        var headers = new Headers();
        if (result.Message.Headers is { } original)
        {
            foreach (var header in original) headers.Add(header.Key, header.GetValueBytes());
        }
        headers.Add("dlq-error", Encoding.UTF8.GetBytes(reason));
        headers.Add("dlq-topic", Encoding.UTF8.GetBytes(_options.Topic));
        headers.Add("dlq-partition", Encoding.UTF8.GetBytes(result.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add("dlq-offset", Encoding.UTF8.GetBytes(result.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        try
        {
            DeadLetterProducer().Produce(_options.DeadLetterTopic, new Message<byte[]?, byte[]?>
            {
                Key = result.Message.Key is { } key ? Encoding.UTF8.GetBytes(key) : null,
                Value = rawValue,
                Headers = headers,
            }, OnDeadLetterDelivered);
        }
        catch (KafkaException e)
        {
            _status.RecordError(e.Error.Reason);
            _logger.LogError("Kafka: could not copy offset {Offset} to {DeadLetterTopic}: {Reason}",
                result.Offset.Value, _options.DeadLetterTopic, e.Error.Reason);
        }
    }

    private IProducer<byte[]?, byte[]?> DeadLetterProducer()
    {
        if (_deadLetters is not null) return _deadLetters;
        var config = KafkaClientSettings.Build<ProducerConfig>(_options, _cluster.BootstrapServers,
            producer => producer.DeliveryReportFields = "status");
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        return _deadLetters = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => KafkaClientSettings.Log(_logger, message))
            .SetErrorHandler((_, error) => OnClientError(error))
            .Build();
    }

    private void OnDeadLetterDelivered(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (!report.Error.IsError) return;
        _status.RecordError(report.Error.Reason);
        _logger.LogError("Kafka: a rejected message was not written to {DeadLetterTopic}: {Reason}",
            _options.DeadLetterTopic, report.Error.Reason);
    }

    private void Housekeeping(IConsumer<string?, KlineRecord> consumer)
    {
        var now = Environment.TickCount64;
        if (now >= _nextStoreAt)
        {
            _nextStoreAt = now + StoreIntervalMs;
            StoreApplied(consumer);
        }
        if (now >= _nextLagAt)
        {
            _nextLagAt = now + LagIntervalMs;
            _status.SetLag(Lag(consumer));
        }
    }

    /// <summary>
    /// Marks the applied positions for librdkafka's background commit. Only stored offsets are ever committed, and
    /// only applied messages are stored; storing is local, so this costs the consume loop no broker round trip.
    /// </summary>
    private void StoreApplied(IConsumer<string?, KlineRecord> consumer)
    {
        foreach (var partition in _assigned)
        {
            var id = partition.Partition.Value;
            if (!_positions.TryGetValue(id, out var next) || (_stored.TryGetValue(id, out var stored) && stored == next)) continue;
            try
            {
                consumer.StoreOffset(new TopicPartitionOffset(partition, next));
                _stored[id] = next;
            }
            catch (KafkaException e)
            {
                // The position stays in memory; the next pass stores it.
                OnClientError(e.Error);
            }
        }
    }

    /// <summary>
    /// Commits the applied positions of partitions this consumer is about to give up, synchronously, so the next
    /// owner starts exactly after them.
    /// </summary>
    private void Commit(IConsumer<string?, KlineRecord> consumer, List<TopicPartition> partitions)
    {
        var offsets = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (_positions.TryGetValue(partition.Partition.Value, out var next)) offsets.Add(new TopicPartitionOffset(partition, next));
        }
        if (offsets.Count == 0) return;
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e)
        {
            OnClientError(e.Error);
        }
    }

    private long Lag(IConsumer<string?, KlineRecord> consumer)
    {
        long lag = 0;
        foreach (var partition in _assigned)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            if (watermarks.High == Offset.Unset) continue;
            var position = _positions.TryGetValue(partition.Partition.Value, out var next)
                ? next
                : Math.Max(0, watermarks.Low.Value);
            lag += Math.Max(0, watermarks.High.Value - position);
        }
        return lag;
    }

    private void OnClientError(Error error)
    {
        _status.RecordClientError(error.Code, error.Reason);
        if (_errorLog.ShouldLog())
            _logger.LogWarning("Kafka consumer: {Code} {Reason} (repeats in the next {Seconds} s are not logged)",
                error.Code, error.Reason, _errorLog.Interval.TotalSeconds);
    }

    public override void Dispose()
    {
        base.Dispose();
        _deadLetters?.Dispose();
        _deadLetters = null;
    }
}
