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
/// retained offset up to the high watermark seen at assignment (<see cref="RestorePhase"/> meanwhile), whatever the
/// group committed. Positions are remembered for the life of this service, so a rebalance or a consumer restart
/// inside the same process resumes where it stopped instead of applying candles twice.
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
    private readonly DeadLetterWriter _deadLetters;

    // Consumer-thread state (the rebalance handlers run inside Consume on the same thread).
    private readonly PartitionOffsetBook _offsets = new();
    private readonly RestoreTracker _restore;
    private long _nextStoreAt, _nextLagAt;

    public KafkaConsumerService(
        KafkaCluster cluster,
        IOptions<KafkaOptions> options,
        ICandleSink sink,
        KafkaStatus status,
        RestorePhase restore,
        ILogger<KafkaConsumerService> logger,
        PipelineMetrics? metrics = null)
    {
        _metrics = metrics;
        _cluster = cluster;
        _options = options.Value;
        _sink = sink;
        _status = status;
        _logger = logger;
        _restore = new RestoreTracker(restore);
        _deadLetters = new DeadLetterWriter(cluster, _options, status, logger, OnClientError);
    }

    /// <summary>Consume blocks, so the loop gets a thread of its own rather than a thread-pool thread.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        _restore.Start();
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
        _deadLetters.Flush(TimeSpan.FromSeconds(5));
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
            Commit(consumer, _offsets.Assigned);
            consumer.Close();
            _offsets.ReleaseAll();
            _status.SetAssignedPartitions(0);
        }
    }

    private IConsumer<string?, KlineRecord> BuildConsumer() =>
        new ConsumerBuilder<string?, KlineRecord>(KafkaClientSettings.GroupMember(_options, _cluster, _options.GroupId, CommitIntervalMs))
            .SetKeyDeserializer(new SymbolKeyDeserializer())
            .SetValueDeserializer(new KlineRecordDeserializer(_options.MaxMessageBytes))
            .SetLogHandler((_, message) => KafkaClientSettings.Log(_logger, message))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler((_, partitions) => Release(partitions.Select(partition => partition.TopicPartition).ToList()))
            .Build();

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<string?, KlineRecord> consumer, List<TopicPartition> partitions)
    {
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        long retained = 0;
        foreach (var partition in partitions)
        {
            _offsets.Assign(partition);
            if (_offsets.TryGetNext(partition.Partition.Value, out var next))
            {
                starts.Add(new TopicPartitionOffset(partition, next));
                continue;
            }

            // New to this process: rebuild the sink from everything retained for this partition.
            starts.Add(new TopicPartitionOffset(partition, Offset.Beginning));
            try
            {
                var watermarks = consumer.QueryWatermarkOffsets(partition, WatermarkTimeout);
                _restore.Target(partition.Partition.Value, watermarks.Low.Value, watermarks.High.Value);
                if (watermarks.High.Value > watermarks.Low.Value) retained += watermarks.High.Value - Math.Max(0, watermarks.Low.Value);
            }
            catch (KafkaException e)
            {
                _logger.LogWarning("Kafka: cannot read the extent of {Topic} partition {Partition} ({Reason}); it is consumed " +
                    "from the beginning without a restore phase", _options.Topic, partition.Partition.Value, e.Error.Reason);
            }
        }

        _status.SetAssignedPartitions(_offsets.Assigned.Count);
        _status.SetConnected(true);
        _logger.LogInformation("Kafka: group {Group} assigned {Topic} partitions {Partitions}", _options.GroupId, _options.Topic,
            string.Join(",", partitions.Select(partition => partition.Partition.Value)));
        if (_restore.Begin()) _logger.LogInformation("Kafka: restoring {Messages} retained messages of {Topic}", retained, _options.Topic);
        return starts;
    }

    private void OnRevoked(IConsumer<string?, KlineRecord> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(partition => partition.TopicPartition).ToList();
        Commit(consumer, revoked);
        Release(revoked);
    }

    private void Release(List<TopicPartition> partitions)
    {
        _offsets.Release(partitions);
        _restore.Forget(partitions.Select(partition => partition.Partition.Value));
        _status.SetAssignedPartitions(_offsets.Assigned.Count);
    }

    private void Handle(ConsumeResult<string?, KlineRecord> result)
    {
        _status.RecordConsumed();
        var record = result.Message.Value;
        var error = record.Error ?? KeyMismatch(result.Message.Key, record.Candle);
        if (error is null)
        {
            try
            {
                _status.RecordOutcome(_sink.Apply(record.Candle, record.EventTime));
                _metrics?.RecordApplied(record.EventTime);
            }
            catch (Exception e)
            {
                // A sink bug must not wedge the stream on one candle; keep the candle for inspection and move on.
                _logger.LogError(e, "Kafka: the candle sink failed on {Topic} partition {Partition} offset {Offset}",
                    _options.Topic, result.Partition.Value, result.Offset.Value);
                error = "the candle sink failed: " + e.Message;
            }
        }
        if (error is not null)
        {
            // A value that parsed is written back from the candle; one that did not keeps its raw bytes.
            var value = record.Error is null ? KlineCodec.Serialize(record.Candle, record.EventTime) : record.RawValue;
            _deadLetters.Write(new(_options.Topic, result.Partition.Value, result.Offset.Value), result.Message.Key, value, result.Message.Headers, error);
        }

        _offsets.Applied(result.Partition.Value, result.Offset.Value);
        if (_restore.Advance(result.Partition.Value, result.Offset.Value + 1))
            _logger.LogInformation("Kafka: restored {Messages} messages in {Elapsed} ms; now live", _restore.Messages, (long)_restore.Elapsed.TotalMilliseconds);
    }

    /// <summary>A symbol on the wrong key may sit on the wrong partition, out of order with the rest of its stream.</summary>
    internal static string? KeyMismatch(string? key, in Core.Market.Candle candle) =>
        key is not null && !string.Equals(key, candle.Symbol, StringComparison.Ordinal)
            ? $"key '{key}' does not match symbol '{candle.Symbol}'"
            : null;

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
            _status.SetLag(_offsets.Lag(consumer.GetWatermarkOffsets));
        }
    }

    /// <summary>
    /// Marks the applied positions for librdkafka's background commit. Only stored offsets are ever committed, and
    /// only applied messages are stored; storing is local, so this costs the consume loop no broker round trip.
    /// </summary>
    private void StoreApplied(IConsumer<string?, KlineRecord> consumer)
    {
        foreach (var offset in _offsets.Unstored())
        {
            try
            {
                consumer.StoreOffset(offset);
                _offsets.MarkStored(offset);
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
    private void Commit(IConsumer<string?, KlineRecord> consumer, IEnumerable<TopicPartition> partitions)
    {
        var offsets = _offsets.PositionsOf(partitions);
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
        _deadLetters.Dispose();
    }
}
