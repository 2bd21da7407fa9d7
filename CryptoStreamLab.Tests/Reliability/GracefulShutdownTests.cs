using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>Stopping the host flushes the producer, commits exactly what was applied, and closes the ledger cleanly.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_flushes_the_producer_commits_applied_offsets_and_checkpoints_the_ledger()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        var cluster = app.Services.GetRequiredService<KafkaCluster>();
        var publisher = app.Services.GetRequiredService<KafkaKlinePublisher>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");

        var candles = TestCandles.Series("BTCUSDT", 150).ToList();
        foreach (var candle in candles.Take(100))
            await ((IKlinePublisher)publisher).PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        await Eventually.WaitAsync(() => app.Sink.Candles.Count(c => c.Symbol == "BTCUSDT") == 100, null, () => "the first candles never arrived");
        var wal = Path.Combine(app.Folder, "ledger.db-wal");
        new FileInfo(wal).Length.Should().BeGreaterThan(0, "closed candles have been written through the write-ahead log");

        // A slow broker: deliveries are still outstanding when the stop begins, so only a flush can confirm them.
        cluster.EmbeddedBroker!.SetRoundTripTime(TimeSpan.FromMilliseconds(300));
        foreach (var candle in candles.Skip(100))
            await ((IKlinePublisher)publisher).PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        publisher.Flush(TimeSpan.Zero).Should().BeGreaterThan(0, "the last candles are still on their way");
        await app.StopAsync();

        // librdkafka's queue length also counts its own requests (a metadata refresh may be in flight), so "every
        // delivery confirmed" is checked on the delivery count rather than on an empty queue.
        var afterStop = status.Snapshot();
        afterStop.ProduceErrors.Should().Be(0);
        var source = app.Services.GetRequiredService<MarketDataStatus>();
        afterStop.Produced.Should().Be(candles.Count + source.Published, "every candle handed over was confirmed before the app stopped");
        (File.Exists(wal) ? new FileInfo(wal).Length : 0).Should().Be(0, "the ledger was checkpointed and closed");

        // The group's committed offsets are exactly what the app applied: a new member of the same group gets the rest,
        // nothing twice. (The embedded broker lives until the app is disposed.)
        cluster.EmbeddedBroker.SetRoundTripTime(TimeSpan.Zero);
        var inTopic = RawTopic.ReadAll(cluster.BootstrapServers, "StreamQuant").Count;
        var left = inTopic - (int)afterStop.Consumed;
        var redelivered = ConsumeAsMember(cluster.BootstrapServers, "cryptostreamlab", left);
        redelivered.Should().Be(left, $"the app consumed {afterStop.Consumed} of {inTopic} messages and committed them");
    }

    [Fact]
    public async Task Stopping_the_producer_waits_for_every_outstanding_delivery()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        var publisher = app.Services.GetRequiredService<KafkaKlinePublisher>();
        await Eventually.WaitAsync(() => status.Snapshot().AssignedPartitions == 3, TimeSpan.FromSeconds(20), () => "the consumer never joined");
        app.Services.GetRequiredService<KafkaCluster>().EmbeddedBroker!.SetRoundTripTime(TimeSpan.FromSeconds(1));

        // The synthetic feed stops first, as on shutdown, so every delivery counted is accounted for.
        await app.Services.GetServices<IHostedService>().OfType<MarketDataService>().Single().StopAsync(CancellationToken.None);
        var fromSource = app.Services.GetRequiredService<MarketDataStatus>().Published;

        foreach (var candle in TestCandles.Series("BTCUSDT", 50))
            await ((IKlinePublisher)publisher).PublishAsync(candle, 0, CancellationToken.None);
        status.Snapshot().Produced.Should().BeLessThan(fromSource + 50, "a one-second round trip keeps the deliveries outstanding");
        await publisher.StopAsync(CancellationToken.None);

        status.Snapshot().Produced.Should().Be(fromSource + 50, "stopping returned only once every delivery was confirmed");
        status.Snapshot().ProduceErrors.Should().Be(0);
    }

    [Fact]
    public async Task On_shutdown_the_sources_stop_first_then_the_producer_then_the_consumer_and_the_ledger_last()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        // The host stops hosted services in reverse order of registration.
        var stopOrder = app.Services.GetServices<IHostedService>().Reverse().Select(service => service.GetType().Name).ToList();

        stopOrder.Should().ContainInOrder("MarketDataService", "KafkaKlinePublisher", "CandleConsumerService", "KafkaCluster", "LedgerLifetime");
        // OpenTelemetry registers its own hosted service first, so it stops after everything and exports the last measurements.
        stopOrder[^1].Should().Be("TelemetryHostedService");
        stopOrder[^2].Should().Be("LedgerLifetime", "the ledger is the last of the app's own parts to stop");
    }

    /// <summary>Joins the group, reads until <paramref name="expected"/> messages came and then a quiet spell; returns the count.</summary>
    private static int ConsumeAsMember(string bootstrapServers, string group, int expected)
    {
        var assigned = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = group,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                SessionTimeoutMs = 3_000,
                FetchWaitMaxMs = 5,
            })
            .SetPartitionsAssignedHandler((_, _) => { assigned = true; })
            .Build();
        consumer.Subscribe("StreamQuant");
        var received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        DateTime? quietUntil = null;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false }) received++;
            if (!assigned || received < expected) continue;
            quietUntil ??= DateTime.UtcNow.AddSeconds(2);
            if (DateTime.UtcNow > quietUntil) break;
        }
        consumer.Close();
        return received;
    }
}
