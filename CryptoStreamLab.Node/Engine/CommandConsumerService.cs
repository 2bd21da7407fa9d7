using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Engine;

/// <summary>
/// An engine's reader of the commands topic: every partition from its end (commands sent from now on), carried out for
/// the streams this node's engine runs and left to their owners otherwise. The result reaches every dashboard through
/// the state topic. Commands not signed with the cluster's key (<see cref="MessageSignature"/>) and malformed ones are
/// dead-lettered with their reason, and change nothing.
/// </summary>
public sealed class CommandConsumerService(KafkaCluster cluster, IOptions<KafkaOptions> options, ClusterKey clusterKey, StreamDirectory market,
    KafkaStatus status, ILogger<CommandConsumerService> logger) : KafkaConsumerLoop(cluster, status, logger)
{
    private readonly MessageSignature _signature = clusterKey.NewSignature();

    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options = options.Value;
    private DeadLetterWriter? _deadLetters;
    private List<TopicPartitionOffset>? _positions;

    protected override string Name => "Kafka command consumer";

    protected override void OnStopped() => _deadLetters?.Flush(TimeSpan.FromSeconds(5));

    protected override void ConsumeUntilStopped(CancellationToken stoppingToken)
    {
        _deadLetters ??= new DeadLetterWriter(Cluster, _options, Status, logger, OnClientError);
        using var consumer = KafkaClientSettings.Reader(_options, Cluster, "command-reader", logger, OnClientError);
        consumer.Assign(_positions ?? KafkaClientSettings.PartitionsOf(consumer.Handle, _options.CommandsTopic, MetadataTimeout)
            .Select(partition => new TopicPartitionOffset(_options.CommandsTopic, partition, Offset.End)).ToList());
        try
        {
            ReadUntilStopped(consumer, Handle, stoppingToken);
        }
        finally
        {
            _positions = consumer.Assignment.Select(tp => new TopicPartitionOffset(tp, consumer.Position(tp))).ToList();
            consumer.Close();
        }
    }

    private void Handle(ConsumeResult<string?, byte[]?> result)
    {
        CommandMessage? command = null;
        Core.Market.StreamKey stream = default;
        var error = _signature.Verify(result.Message.Key, result.Message.Value, result.Message.Headers)
            ?? CommandCodec.TryDeserialize(result.Message.Key, result.Message.Value, _options.MaxMessageBytes, out command, out stream);
        if (error is not null)
        {
            _deadLetters!.Write(new(_options.CommandsTopic, result.Partition.Value, result.Offset.Value), result.Message.Key, result.Message.Value,
                result.Message.Headers, error);
            return;
        }
        if (market.ExecuteReset(stream, command!.Strategy))
            logger.LogInformation("Kafka: reset {Stream} as {Node} asked ({Id})", stream, command!.Node, command.Id);
    }

    public override void Dispose()
    {
        base.Dispose();
        _deadLetters?.Dispose();
        _signature.Dispose();
    }
}
