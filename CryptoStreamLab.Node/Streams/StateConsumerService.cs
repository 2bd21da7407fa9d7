using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// Reads every partition of the state topic from its earliest retained message (not as a member of the engines'
/// group), so this node holds every stream of the cluster as its owner published it: dashboards show them, and an
/// engine that takes a stream over restores it from here. Heartbeats go to the cluster's registry of nodes. A message not
/// signed with the cluster's key (<see cref="MessageSignature"/>) is never parsed; it and malformed messages are dead-lettered
/// with their reason and skipped. This app's own stream changes (<see cref="StateOrigin"/>) are skipped unread: its directory
/// applied them as they were made.
/// </summary>
public sealed class StateConsumerService : KafkaConsumerLoop
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options;
    private readonly StreamDirectory _market;
    private readonly IHeartbeatSink? _nodes;
    private readonly StateCatchUp _catchUp;
    private readonly TimeProvider _clock;
    private readonly ILogger<StateConsumerService> _logger;
    private readonly DeadLetterWriter _deadLetters;
    private readonly RestoreTracker _restore;
    private readonly Dictionary<int, long> _positions = [];
    private readonly MessageSignature _signature;
    private readonly StateOrigin? _origin;

    // Metrics only: a state message's timestamp (its production) to this replica's update.
    private readonly PipelineMetrics? _metrics;

    public StateConsumerService(KafkaCluster cluster, IOptions<KafkaOptions> options, ClusterKey clusterKey, StreamDirectory market, StateCatchUp catchUp,
        KafkaStatus status, RestorePhase restore, TimeProvider clock, ILogger<StateConsumerService> logger, IHeartbeatSink? nodes = null,
        StateOrigin? origin = null, PipelineMetrics? metrics = null)
        : base(cluster, status, logger)
    {
        _origin = origin;
        _metrics = metrics;
        _options = options.Value;
        _signature = clusterKey.NewSignature();
        _market = market;
        _nodes = nodes;
        _catchUp = catchUp;
        _clock = clock;
        _logger = logger;
        _restore = new RestoreTracker(restore, _options.StateTopic);
        _deadLetters = new DeadLetterWriter(cluster, _options, status, logger, OnClientError);
    }

    protected override string Name => "Kafka state consumer";

    protected override void OnStarting() => _restore.Start();

    protected override void OnStopped() => _deadLetters.Flush(TimeSpan.FromSeconds(5));

    protected override void ConsumeUntilStopped(CancellationToken stoppingToken)
    {
        using var consumer = KafkaClientSettings.Reader(_options, Cluster, "state-reader", _logger, OnClientError);
        Assign(consumer);
        try
        {
            ReadUntilStopped(consumer, Handle, stoppingToken);
        }
        finally
        {
            consumer.Close();
        }
    }

    private void Assign(IConsumer<string?, byte[]?> consumer)
    {
        var partitions = KafkaClientSettings.PartitionsOf(consumer.Handle, _options.StateTopic, MetadataTimeout);
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            var tp = new TopicPartition(_options.StateTopic, partition);
            // After a restart of this consumer, go on from where it stopped; the first time, read everything retained.
            if (_positions.TryGetValue(partition, out var next))
            {
                starts.Add(new TopicPartitionOffset(tp, next));
                continue;
            }
            starts.Add(new TopicPartitionOffset(tp, Offset.Beginning));
            var watermarks = consumer.QueryWatermarkOffsets(tp, MetadataTimeout);
            _restore.Target(partition, watermarks.Low.Value, watermarks.High.Value);
            // Nothing before the low watermark will ever come: the catch-up counts from there.
            if (watermarks.Low.Value > 0) _catchUp.Read(partition, watermarks.Low.Value - 1);
        }
        consumer.Assign(starts);
        _catchUp.Assigned(partitions);
        if (_restore.Begin()) _logger.LogInformation("Kafka: rebuilding every stream from {Topic}", _options.StateTopic);
    }

    private void Handle(ConsumeResult<string?, byte[]?> result)
    {
        if (_origin?.IsOwn(result.Message.Headers) != true) Read(result);
        var partition = result.Partition.Value;
        _positions[partition] = result.Offset.Value + 1;
        _catchUp.Read(partition, result.Offset.Value);
        if (_restore.Advance(partition, result.Offset.Value + 1))
            _logger.LogInformation("Kafka: read {Messages} state messages in {Elapsed} ms", _restore.Messages, (long)_restore.Elapsed.TotalMilliseconds);
    }

    private void Read(ConsumeResult<string?, byte[]?> result)
    {
        StateUpdate? update = null;
        NodeHeartbeat? heartbeat = null;
        var error = _signature.Verify(result.Message.Key, result.Message.Value, result.Message.Headers)
            ?? StateCodec.TryDeserialize(result.Message.Key, result.Message.Value, _options.MaxMessageBytes, out update, out heartbeat);
        if (error is null)
        {
            try
            {
                if (update is not null)
                {
                    _market.ApplyState(update);
                    Status.RecordStateApplied();
                    _metrics?.RecordStateReplicated(result.Message.Timestamp.UnixTimestampMs);
                }
                else if (heartbeat is not null)
                {
                    _nodes?.Record(heartbeat, _clock.GetUtcNow());
                }
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Kafka: applying {Topic} partition {Partition} offset {Offset} failed", _options.StateTopic,
                    result.Partition.Value, result.Offset.Value);
                error = "applying the state failed: " + e.Message;
            }
        }
        if (error is not null)
        {
            _deadLetters.Write(new(_options.StateTopic, result.Partition.Value, result.Offset.Value), result.Message.Key, result.Message.Value,
                result.Message.Headers, error);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _deadLetters.Dispose();
        _signature.Dispose();
    }
}
