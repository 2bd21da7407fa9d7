using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Copies rejected messages to the dead-letter topic with their original headers plus why and where they were
/// rejected (dlq-error, dlq-topic, dlq-partition, dlq-offset), through an idempotent producer built on first use.
/// Logs each: bad input is rare and each case needs a human. A copy counts as dead-lettered in <see cref="KafkaStatus"/>
/// only once the broker confirmed it; a copy that could not be written (too large, broker gone) is counted apart, with its reason.
/// </summary>
internal sealed class DeadLetterWriter(KafkaCluster cluster, KafkaOptions options, KafkaStatus status, ILogger logger, Action<Error> onClientError)
    : IDisposable
{
    private IProducer<byte[]?, byte[]?>? _producer;

    /// <summary>Where a rejected message came from.</summary>
    public readonly record struct Origin(string Topic, int Partition, long Offset);

    public void Write(Origin origin, string? key, byte[]? value, Headers? original, string reason)
    {
        logger.LogWarning("Kafka: {Topic} partition {Partition} offset {Offset} rejected and copied to {DeadLetterTopic}: {Reason}",
            origin.Topic, origin.Partition, origin.Offset, options.DeadLetterTopic, reason);
        try
        {
            // Rare, so a delivery handler per copy is affordable: a failure names what was not copied.
            Producer().Produce(options.DeadLetterTopic, new Message<byte[]?, byte[]?>
            {
                Key = key is null ? null : Encoding.UTF8.GetBytes(key),
                Value = value,
                Headers = HeadersFor(origin, original, reason),
            }, report => OnDelivered(origin, report));
        }
        catch (KafkaException e)
        {
            NotWritten(origin, e.Error.Reason);
        }
    }

    /// <summary>The original headers, then the reason and the origin, all as UTF-8 text.</summary>
    public static Headers HeadersFor(Origin origin, Headers? original, string reason)
    {
        var headers = new Headers();
        if (original is not null)
        {
            foreach (var header in original) headers.Add(header.Key, header.GetValueBytes());
        }
        headers.Add("dlq-error", Encoding.UTF8.GetBytes(reason));
        headers.Add("dlq-topic", Encoding.UTF8.GetBytes(origin.Topic));
        headers.Add("dlq-partition", Encoding.UTF8.GetBytes(origin.Partition.ToString(CultureInfo.InvariantCulture)));
        headers.Add("dlq-offset", Encoding.UTF8.GetBytes(origin.Offset.ToString(CultureInfo.InvariantCulture)));
        return headers;
    }

    /// <summary>Waits for copies still in flight, so none is lost on a graceful stop.</summary>
    public void Flush(TimeSpan timeout) => _producer?.Flush(timeout);

    private IProducer<byte[]?, byte[]?> Producer()
    {
        return _producer ??= KafkaClientSettings.IdempotentProducer<byte[]?, byte[]?>(options, cluster.BootstrapServers, logger, onClientError,
            producer => producer.DeliveryReportFields = "status");
    }

    private void OnDelivered(Origin origin, DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError) NotWritten(origin, report.Error.Reason);
        else status.RecordDeadLettered();
    }

    private void NotWritten(Origin origin, string error)
    {
        var reason = $"{origin.Topic} partition {origin.Partition} offset {origin.Offset} was rejected but not copied to {options.DeadLetterTopic}: {error}";
        status.RecordDeadLetterFailed(reason);
        logger.LogError("Kafka: {Reason}", reason);
    }

    public void Dispose()
    {
        _producer?.Dispose();
        _producer = null;
    }
}
