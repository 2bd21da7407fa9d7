using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Engine;

/// <summary>
/// Reads the topic and hands every valid candle to the <see cref="ICandleSink"/>, one message at a time per
/// partition so each symbol's updates arrive in order. Bad messages are copied to the dead-letter topic and
/// skipped. Offsets are committed only for messages already applied and whose ledger entries are written (group commit:
/// the ledger writes a batch in one transaction, then the batch's offsets may go), so a SIGKILL loses and doubles nothing
/// (at-least-once; the sink treats repeats as unchanged).
/// </summary>
/// <remarks>
/// Where each assigned partition starts is the <see cref="OwnershipHandover"/>'s call: a partition kept across a
/// rebalance or a consumer restart goes on from its position; one new to this node resumes after what the state topic
/// shows its streams already reflect, or, when nothing of it was ever published, is read from its earliest retained
/// offset. Until the high watermark seen at assignment is reached, the app is restoring (<see cref="RestorePhase"/>).
/// </remarks>
public sealed class CandleConsumerService : KafkaConsumerLoop
{
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LedgerWait = TimeSpan.FromSeconds(10);
    private const int CommitIntervalMs = 1_000;
    private const long StoreIntervalMs = 100;
    private const long LagIntervalMs = 500;
    private const long FlushIntervalMs = 20;

    private readonly KafkaCluster _cluster;
    private readonly KafkaOptions _options;
    private readonly ICandleSink _sink;
    private readonly KafkaStatus _status;
    private readonly ILogger<CandleConsumerService> _logger;
    private readonly PipelineMetrics? _metrics;
    private readonly DeadLetterWriter _deadLetters;

    // Consumer-thread state (the rebalance handlers run inside Consume on the same thread).
    private readonly PartitionOffsetBook _offsets = new();
    private readonly RestoreTracker _restore;
    private readonly OwnershipHandover _handover;
    private readonly Action? _stateFlush;
    private readonly LedgerRecorder? _ledger;
    private readonly TimeProvider _clock;
    private long _nextStoreAt, _nextLagAt, _nextFlushAt;

    public CandleConsumerService(
        KafkaCluster cluster,
        IOptions<KafkaOptions> options,
        ICandleSink sink,
        KafkaStatus status,
        RestorePhase restore,
        ILogger<CandleConsumerService> logger,
        PipelineMetrics? metrics = null,
        StateCatchUp? stateCatchUp = null,
        KafkaStatePublisher? statePublisher = null,
        TimeProvider? clock = null,
        LedgerRecorder? ledger = null)
        : base(cluster, status, logger)
    {
        _clock = clock ?? TimeProvider.System;
        _ledger = ledger;
        _metrics = metrics;
        _cluster = cluster;
        _options = options.Value;
        _sink = sink;
        _status = status;
        _logger = logger;
        _restore = new RestoreTracker(restore, _options.Topic);
        _deadLetters = new DeadLetterWriter(cluster, _options, status, logger, OnClientError);
        _handover = new OwnershipHandover(sink, _offsets, stateCatchUp, _options.StateTopic, logger);
        if (statePublisher is not null) _stateFlush = () => statePublisher.Flush(TimeSpan.FromSeconds(10));
    }

    protected override string Name => "Kafka consumer";

    protected override void OnStarting() => _restore.Start();

    protected override void OnStopped() => _deadLetters.Flush(TimeSpan.FromSeconds(5));

    protected override void ConsumeUntilStopped(CancellationToken stoppingToken)
    {
        using var consumer = BuildConsumer();
        consumer.Subscribe(_options.Topic);
        try
        {
            ReadUntilStopped(consumer, Handle, stoppingToken, () => Housekeeping(consumer));
        }
        finally
        {
            SettleLedger(wait: true);
            Commit(consumer, _offsets.Assigned);
            consumer.Close();
            _offsets.ReleaseAll();
            _status.SetAssignedPartitions(0);
        }
    }

    private IConsumer<string?, KlineRecord> BuildConsumer() =>
        new ConsumerBuilder<string?, KlineRecord>(KafkaClientSettings.GroupMember(_options, _cluster, _options.GroupId, CommitIntervalMs))
            .SetKeyDeserializer(new SymbolKeyDeserializer())
            .SetValueDeserializer(new KlineRecordDeserializer(_options.MaxMessageBytes, _clock))
            .SetLogHandler((_, message) => KafkaClientSettings.Log(_logger, message))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .Build();

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<string?, KlineRecord> consumer, List<TopicPartition> partitions)
    {
        var starts = _handover.Assigned(consumer, partitions);
        long behind = 0;
        foreach (var (start, restores) in starts)
        {
            _offsets.Assign(start);
            if (!restores) continue;
            try
            {
                var watermarks = consumer.QueryWatermarkOffsets(start.TopicPartition, WatermarkTimeout);
                var from = start.Offset == Offset.Beginning ? watermarks.Low.Value : start.Offset.Value;
                _restore.Target(start.Partition.Value, from, watermarks.High.Value);
                behind += Math.Max(0, watermarks.High.Value - Math.Max(0, from));
            }
            catch (KafkaException e)
            {
                _logger.LogWarning("Kafka: cannot read the extent of {Topic} partition {Partition} ({Reason}); it is consumed " +
                    "without a restore phase", _options.Topic, start.Partition.Value, e.Error.Reason);
            }
        }

        _status.SetAssignedPartitions(_offsets.Assigned.Count);
        _status.SetConnected(true);
        _logger.LogInformation("Kafka: group {Group} assigned {Topic} partitions {Partitions}", _options.GroupId, _options.Topic,
            string.Join(",", partitions.Select(partition => partition.Partition.Value)));
        if (_restore.Begin()) _logger.LogInformation("Kafka: restoring {Messages} retained messages of {Topic}", behind, _options.Topic);
        return starts.Select(start => start.Start);
    }

    // Everything applied is on the state topic and committed before the partitions go, so whoever gets them next
    // restores exactly what this node did.
    private void OnRevoked(IConsumer<string?, KlineRecord> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(partition => partition.TopicPartition).ToList();
        _stateFlush?.Invoke();
        SettleLedger(wait: true);
        Commit(consumer, revoked);
        Release(revoked);
    }

    // Lost without a handover (the session expired): whether another engine moved them on is decided at the next assignment.
    private void OnLost(List<TopicPartitionOffset> partitions) => Release(partitions.Select(partition => partition.TopicPartition).ToList());

    private void Release(List<TopicPartition> partitions)
    {
        _offsets.Release(partitions);
        _restore.Forget(partitions.Select(partition => partition.Partition.Value));
        _status.SetAssignedPartitions(_offsets.Assigned.Count);
    }

    private void Handle(ConsumeResult<string?, KlineRecord> result)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        _status.RecordConsumed();
        if (_offsets.Consumed(result.Partition.Value, result.Offset.Value, out var expected) is > 0 and var skipped)
            ReportSkipped(result.Partition.Value, expected, result.Offset.Value, skipped);
        var record = result.Message.Value;
        var error = record.Error ?? KeyMismatch(result.Message.Key, record.Candle);
        if (error is null)
        {
            try
            {
                _status.RecordOutcome(_sink.Apply(record.Candle, record.EventTime, new CandleOrigin(result.Partition.Value, result.Offset.Value)));
                _metrics?.RecordApplied(record.EventTime);
                _metrics?.RecordConsumedToApplied(receivedAt);
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

        _offsets.Applied(result.Partition.Value, result.Offset.Value, _ledger?.Queued ?? 0);
        if (_restore.Advance(result.Partition.Value, result.Offset.Value + 1))
            _logger.LogInformation("Kafka: restored {Messages} messages in {Elapsed} ms; now live", _restore.Messages, (long)_restore.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The broker no longer had the messages between where this consumer stood and where it was moved on ("offset reset"): the
    /// embedded broker's bounded log dropped them, or retention deleted them, before they were read. They are lost to this node.
    /// </summary>
    private void ReportSkipped(int partition, long from, long to, long skipped)
    {
        var reason = $"{_options.Topic} partition {partition}: offsets {from} to {to - 1} ({skipped} messages) were gone before they were " +
            "read (offset reset); their candles were never applied";
        _status.RecordSkipped(skipped, reason);
        _logger.LogError("Kafka: {Reason}", reason);
    }

    /// <summary>A symbol on the wrong key may sit on the wrong partition, out of order with the rest of its stream.</summary>
    internal static string? KeyMismatch(string? key, in Core.Market.Candle candle) =>
        key is not null && !string.Equals(key, candle.Symbol, StringComparison.Ordinal)
            ? $"key '{key}' does not match symbol '{candle.Symbol}'"
            : null;

    private void Housekeeping(IConsumer<string?, KlineRecord> consumer)
    {
        var now = Environment.TickCount64;
        if (now >= _nextFlushAt)
        {
            _nextFlushAt = now + FlushIntervalMs;
            _sink.Flush();
        }
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
        SettleLedger(wait: false);
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
    /// Lets the positions whose ledger entries are written be committed; <paramref name="wait"/>: first waits (a while) for
    /// what is queued to be written, before partitions are given up.
    /// </summary>
    private void SettleLedger(bool wait)
    {
        if (_ledger is null)
        {
            _offsets.Settle(long.MaxValue);
            return;
        }
        if (wait && !_ledger.WaitForWrites(LedgerWait))
            _logger.LogWarning("Kafka: the ledger did not write its waiting entries within {Seconds} s; only the offsets of written " +
                "candles are committed", LedgerWait.TotalSeconds);
        _offsets.Settle(_ledger.Durable);
    }

    /// <summary>
    /// Commits the durable positions of partitions this consumer is about to give up, synchronously, so the next
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

    public override void Dispose()
    {
        base.Dispose();
        _deadLetters.Dispose();
    }
}
