using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Cluster;
using CryptoStreamLab.Web.State;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Kafka;

/// <summary>Sends a dashboard's command for a stream this node does not run to the engine that does, over the commands topic.</summary>
public sealed class KafkaCommandPublisher(KafkaCluster cluster, IOptions<KafkaOptions> options, IOptions<NodeOptions> node, KafkaStatus status,
    TimeProvider clock, ILogger<KafkaCommandPublisher> logger) : ICommandSink, IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() =>
    {
        var config = KafkaClientSettings.Build<ProducerConfig>(options.Value, cluster.BootstrapServers, producer => producer.LingerMs = 0);
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        return new ProducerBuilder<string, byte[]>(config)
            .SetLogHandler((_, message) => KafkaClientSettings.Log(logger, message))
            .SetErrorHandler((_, error) => status.RecordClientError(error.Code, error.Reason))
            .Build();
    });

    public void SendReset(StreamKey key)
    {
        var command = new CommandMessage(CommandCodec.ResetType, key.Id, node.Value.EffectiveId, Guid.NewGuid().ToString("N"),
            clock.GetUtcNow().ToUnixTimeMilliseconds());
        _producer.Value.Produce(options.Value.CommandsTopic, new Message<string, byte[]> { Key = key.Id, Value = CommandCodec.Serialize(command) }, report =>
        {
            if (!report.Error.IsError) return;
            status.RecordError(report.Error.Reason);
            logger.LogError("Kafka: the reset of {Stream} was not sent: {Reason}", key, report.Error.Reason);
        });
        logger.LogInformation("Kafka: sent a reset of {Stream} to its engine ({Id})", key, command.Id);
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(5));
        _producer.Value.Dispose();
    }
}
