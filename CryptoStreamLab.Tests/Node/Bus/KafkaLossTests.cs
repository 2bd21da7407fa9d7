using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Node.Bus;
/// <summary>
/// Loss on the way through the broker: messages the embedded broker dropped before they were read are counted and
/// reported, and the publisher never runs further ahead of the engines than the broker keeps.
/// </summary>
public sealed class KafkaLossTests(EmbeddedBrokerFixture fixture) : IClassFixture<EmbeddedBrokerFixture>
{
    [Fact]
    public async Task Messages_the_broker_dropped_before_they_were_read_are_counted_logged_and_make_health_degraded()
    {
        var topic = fixture.NewTopic(partitions: 1);
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();
        var first = TestCandles.Series("BTCUSDT", 10).ToList();
        await host.PublishAsync(first);
        await host.Sink.WaitForCountAsync(10);
        await host.StopConsumerAsync();

        // While the consumer is away, far more than the broker keeps per partition (5 MB): the oldest go before they are read.
        var value = KlineCodec.Serialize(TestCandles.Series("BTCUSDT", 1, firstIndex: 10).Single(), 0);
        using (var producer = RawTopic.Producer(fixture.BootstrapServers))
        {
            for (var i = 0; i < 60_000; i++)
            {
                try
                {
                    producer.Produce(topic, new Message<string?, byte[]?> { Key = "BTCUSDT", Value = value });
                }
                catch (ProduceException<string?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                    i--;
                }
            }
            producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
        }
        using var watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = fixture.BootstrapServers, GroupId = "w" }).Build();
        var low = watermarks.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(5)).Low.Value;
        low.Should().BeGreaterThan(10, "the broker dropped messages the consumer never read");

        await host.StartConsumerAsync();

        await Eventually.WaitAsync(() => host.Status.Snapshot().OffsetResets == 1, TimeSpan.FromSeconds(30), () => $"status {host.Status.Snapshot()}");
        var status = host.Status.Snapshot();
        status.SkippedMessages.Should().Be(low - 10, "offsets 10 up to the log's new start were never read");
        status.LastSkip.Should().Contain($"{topic} partition 0: offsets 10 to {low - 1} ({low - 10} messages)");
        host.Logs.Messages.Should().Contain(m => m.Contains("offset reset") && m.Contains($"({low - 10} messages)"));
        var health = await new KafkaHealthCheck(host.Cluster, host.Status, Microsoft.Extensions.Options.Options.Create(new KafkaOptions { Topic = topic }))
            .CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        health.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        health.Description.Should().StartWith($"{low - 10} messages were skipped in 1 offset resets");
    }

    [Fact]
    public async Task The_publisher_never_runs_further_ahead_of_a_slow_consumer_than_the_limit()
    {
        var topic = fixture.NewTopic(partitions: 1);
        // About 1,000 candles a second: a replay at full speed is far faster.
        var sink = new RecordingSink { FailWhen = _ => { Thread.Sleep(1); return false; } };
        await using var host = new KafkaTestHost(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = fixture.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:GroupId"] = "group-" + topic,
            ["Kafka:Client:session.timeout.ms"] = "3000",
            ["Kafka:Client:heartbeat.interval.ms"] = "500",
            ["Kafka:MaxUnconsumed"] = "1500",
        }, sink);
        await host.StartAsync();
        var candles = TestCandles.Series("BTCUSDT", 6_000).ToList();

        long furthestAhead = 0;
        foreach (var candle in candles)
        {
            await host.Publisher.PublishAsync(candle, 0, CancellationToken.None);
            var status = host.Status.Snapshot();
            furthestAhead = Math.Max(furthestAhead, status.Produced - status.Consumed);
        }
        await host.Sink.WaitForCountAsync(candles.Count, TimeSpan.FromSeconds(60));

        furthestAhead.Should().BeLessThanOrEqualTo(1_500, "what the consumer has not committed never exceeds the limit");
        host.Publisher.PublishWaits.Should().BePositive("the publisher had to wait for the consumer");
        host.Sink.Candles.Should().Equal(candles);
    }
}
