using Confluent.Kafka;
using CryptoStreamLab.Web.State;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Kafka;

/// <summary>
/// An engine's reader of the commands topic: every partition from its end (commands sent from now on), carried out for
/// the streams this node's engine runs and left to their owners otherwise. The result reaches every dashboard through
/// the state topic. Malformed commands are dead-lettered with their reason.
/// </summary>
public sealed class CommandConsumerService(KafkaCluster cluster, IOptions<KafkaOptions> options, MarketState market, KafkaStatus status,
    ILogger<CommandConsumerService> logger) : KafkaConsumerLoop(cluster, status, logger)
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options = options.Value;
    private DeadLetterWriter? _deadLetters;
    private List<TopicPartitionOffset>? _positions;

    protected override string Name => "Kafka command consumer";

    protected override void OnStopped() => _deadLetters?.Flush(TimeSpan.FromSeconds(5));

    protected override void ConsumeUntilStopped(CancellationToken stoppingToken)
    {
        _deadLetters ??= new DeadLetterWriter(Cluster, _options, Status, logger, OnClientError);
        var config = KafkaClientSettings.Build<ConsumerConfig>(_options, Cluster.BootstrapServers, consumer =>
        {
            if (Cluster.IsEmbedded) consumer.FetchWaitMaxMs = 5;
        });
        config.GroupId = $"{_options.GroupId}.command-reader.{Guid.NewGuid():N}";
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        using var consumer = new ConsumerBuilder<string?, byte[]?>(config)
            .SetLogHandler((_, message) => KafkaClientSettings.Log(logger, message))
            .SetErrorHandler((_, error) => OnClientError(error))
            .Build();
        consumer.Assign(_positions ?? Partitions(consumer).Select(p => new TopicPartitionOffset(_options.CommandsTopic, p, Offset.End)).ToList());
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (consumer.Consume(PollTimeout) is { IsPartitionEOF: false } result) Handle(result);
                }
                catch (ConsumeException e)
                {
                    OnClientError(e.Error);
                }
            }
        }
        finally
        {
            _positions = consumer.Assignment.Select(tp => new TopicPartitionOffset(tp, consumer.Position(tp))).ToList();
            consumer.Close();
        }
    }

    private IEnumerable<int> Partitions(IConsumer<string?, byte[]?> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var topic = admin.GetMetadata(_options.CommandsTopic, MetadataTimeout).Topics.Single();
        if (topic.Error.IsError) throw new KafkaException(topic.Error);
        return topic.Partitions.Select(p => p.PartitionId).ToList();
    }

    private void Handle(ConsumeResult<string?, byte[]?> result)
    {
        var error = CommandCodec.TryDeserialize(result.Message.Key, result.Message.Value, _options.MaxMessageBytes, out var command, out var stream);
        if (error is not null)
        {
            _deadLetters!.Write(new(_options.CommandsTopic, result.Partition.Value, result.Offset.Value), result.Message.Key, result.Message.Value,
                result.Message.Headers, error);
            return;
        }
        if (market.ExecuteReset(stream))
            logger.LogInformation("Kafka: reset {Stream} as {Node} asked ({Id})", stream, command!.Node, command.Id);
    }

    public override void Dispose()
    {
        base.Dispose();
        _deadLetters?.Dispose();
    }
}
