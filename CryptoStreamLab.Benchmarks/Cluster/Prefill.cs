using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// Fills a broker's candle topic with closed one-minute candles, round-robin over the symbols (a seeded random walk per
/// symbol), through the app's own KafkaKlinePublisher (key = symbol, idempotent, acks=all), and waits until every one is
/// delivered.
/// </summary>
internal static class Prefill
{
    /// <summary>Messages in each partition of the candle topic (high watermarks), e.g. "50,000 / 50,000 / …".</summary>
    public static string PartitionSizes(string broker, int partitions)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, Confluent.Kafka.Ignore>(
            new Confluent.Kafka.ConsumerConfig { BootstrapServers = broker, GroupId = "prefill-check" }).Build();
        return string.Join(" / ", Enumerable.Range(0, partitions).Select(p =>
            consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition("StreamQuant", p), TimeSpan.FromSeconds(10)).High.Value.ToString("N0")));
    }

    public static async Task<TimeSpan> RunAsync(string broker, IReadOnlyList<string> symbols, int count)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Error));
        services.AddKafkaBackbone(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = broker }).Build());
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<KafkaKlinePublisher>();
        var status = provider.GetRequiredService<KafkaStatus>();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(12345);
        var closes = symbols.Select(_ => 100m).ToArray();
        for (var i = 0; i < count; i++)
        {
            var s = i % symbols.Count;
            var open = LiveFeed.FirstOpenTime + i / symbols.Count * 60_000L;
            var from = closes[s];
            var close = closes[s] = Math.Max(1m, Math.Round(from + (decimal)(random.NextDouble() - 0.5), 2));
            var candle = new Candle(symbols[s], KlineInterval.OneMinute, open, open + 59_999, from, Math.Max(from, close) + 0.25m,
                Math.Min(from, close) - 0.25m, close, 10m, 1_000m, i + 1L, IsClosed: true);
            await publisher.PublishAsync(candle, 0, CancellationToken.None);
        }
        var left = publisher.Flush(TimeSpan.FromMinutes(2));
        var snapshot = status.Snapshot();
        if (left > 0 || snapshot.Produced != count || snapshot.ProduceErrors > 0)
            throw new InvalidOperationException($"prefill: {snapshot.Produced:N0} of {count:N0} delivered, {snapshot.ProduceErrors} errors, {left} queued");
        return clock.Elapsed;
    }

    /// <summary>
    /// <paramref name="count"/> symbol names that librdkafka's default partitioner (consistent_random: CRC-32 of the key,
    /// modulo the partition count) spreads evenly over the partitions, so engines with equal partition counts get equal work.
    /// </summary>
    public static IReadOnlyList<string> BalancedSymbols(int count, int partitions)
    {
        var perPartition = new int[partitions];
        var chosen = new List<string>();
        for (var i = 0; chosen.Count < count; i++)
        {
            var name = $"SYM{i:D2}USDT";
            var partition = (int)(Crc32(System.Text.Encoding.ASCII.GetBytes(name)) % (uint)partitions);
            if (perPartition[partition] >= (count + partitions - 1) / partitions) continue;
            perPartition[partition]++;
            chosen.Add(name);
        }
        return chosen;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
