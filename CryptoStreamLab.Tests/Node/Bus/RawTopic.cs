using Confluent.Kafka;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>A topic reached without the app: a producer that writes whatever bytes a test gives, and a reader of every message.</summary>
public static class RawTopic
{
    /// <summary>Raw producer for writing values the app's publisher never would.</summary>
    public static IProducer<string?, byte[]?> Producer(string bootstrapServers) =>
        new ProducerBuilder<string?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();

    /// <summary>Reads a whole topic (all partitions, earliest to the current end) without a consumer group.</summary>
    public static List<ConsumeResult<string?, byte[]?>> ReadAll(string bootstrapServers, string topic, int partitions = 3)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var results = new List<ConsumeResult<string?, byte[]?>>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var tp = new TopicPartition(topic, partition);
            var high = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value;
            if (high <= 0) continue;
            consumer.Assign(new TopicPartitionOffset(tp, Offset.Beginning));
            while (true)
            {
                var result = consumer.Consume(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"{topic}[{partition}] stalled");
                results.Add(result);
                if (result.Offset.Value + 1 >= high) break;
            }
        }
        return results;
    }
}
