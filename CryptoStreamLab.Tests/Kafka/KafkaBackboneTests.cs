using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Kafka;

namespace CryptoStreamLab.Tests.Kafka;

public sealed class KafkaBackboneTests(EmbeddedBrokerFixture fixture) : IClassFixture<EmbeddedBrokerFixture>
{
    // CRC32 (librdkafka's default partitioner) puts these on partitions 0, 1 and 2 of a three-partition topic.
    private static readonly string[] Symbols = ["BTCUSDT", "XRPUSDT", "SOLUSDT"];

    [Fact]
    public async Task Candles_for_three_symbols_over_three_partitions_are_all_applied_in_order_per_symbol()
    {
        var topic = fixture.NewTopic();
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();
        var candles = Candles.Interleaved(Symbols, 300);

        await host.PublishAsync(candles);
        await host.Sink.WaitForCountAsync(candles.Count);

        host.Sink.Count.Should().Be(candles.Count);
        foreach (var symbol in Symbols)
            host.Sink.Candles.Where(c => c.Symbol == symbol).Should().Equal(candles.Where(c => c.Symbol == symbol));
        Candles.ReadAll(fixture.BootstrapServers, topic).Select(r => r.Partition.Value).Distinct()
            .Should().BeEquivalentTo([0, 1, 2], "each symbol should have a partition of its own");

        var status = host.Status.Snapshot();
        status.Produced.Should().Be(candles.Count);
        status.Consumed.Should().Be(candles.Count);
        status.Applied.Should().Be(candles.Count);
        status.DeadLettered.Should().Be(0);
        status.AssignedPartitions.Should().Be(3);
        status.Embedded.Should().BeFalse();
        status.BootstrapServers.Should().Be(fixture.BootstrapServers);
        await Eventually.WaitAsync(() => host.Status.Snapshot().Lag == 0, null, () => $"lag is {host.Status.Snapshot().Lag}");
    }
}
