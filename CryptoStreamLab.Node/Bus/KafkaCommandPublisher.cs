using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Bus;

/// <summary>Sends a dashboard's command for a stream this node does not run to the engine that does, over the commands topic.</summary>
/// <remarks>Each command is signed with the <see cref="ClusterKey"/>: engines carry out no command any other client wrote.</remarks>
public sealed class KafkaCommandPublisher(KafkaCluster cluster, IOptions<KafkaOptions> options, IOptions<NodeOptions> node, ClusterKey clusterKey,
    KafkaStatus status, TimeProvider clock, ILogger<KafkaCommandPublisher> logger) : ICommandSink, IDisposable
{
    private readonly MessageSignature _signer = clusterKey.NewSignature();

    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() => KafkaClientSettings.IdempotentProducer<string, byte[]>(options.Value,
        cluster.BootstrapServers, logger, error => status.RecordClientError(error.Code, error.Reason), producer => producer.LingerMs = 0));

    public void SendReset(StreamKey key, string? strategy = null)
    {
        var command = new CommandMessage(CommandCodec.ResetType, key.Id, node.Value.EffectiveId, Guid.NewGuid().ToString("N"),
            clock.GetUtcNow().ToUnixTimeMilliseconds(), strategy);
        var value = CommandCodec.Serialize(command);
        byte[] signature;
        lock (_signer) signature = _signer.Compute(key.Id, value);
        var message = new Message<string, byte[]> { Key = key.Id, Value = value, Headers = new() { { MessageSignature.Header, signature } } };
        _producer.Value.Produce(options.Value.CommandsTopic, message, report =>
        {
            if (!report.Error.IsError) return;
            status.RecordError(report.Error.Reason);
            logger.LogError("Kafka: the reset of {Stream} was not sent: {Reason}", key, report.Error.Reason);
        });
        logger.LogInformation("Kafka: sent a reset of {Stream} to its engine ({Id})", key, command.Id);
    }

    public void Dispose()
    {
        lock (_signer) _signer.Dispose();
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(5));
        _producer.Value.Dispose();
    }
}
