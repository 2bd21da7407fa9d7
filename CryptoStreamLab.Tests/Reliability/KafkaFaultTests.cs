using System.Net;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>Broker outages: the app stays up, says so in /api/status and /health, and loses nothing.</summary>
public sealed class KafkaFaultTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    [Fact]
    public async Task The_embedded_broker_going_down_mid_run_is_reported_and_every_candle_is_applied_once_in_order_after_it_returns()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        var cluster = app.Services.GetRequiredService<KafkaCluster>();
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        var broker = cluster.EmbeddedBroker!;
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");

        var before = TestCandles.Interleaved(Symbols, 20);
        var during = TestCandles.Interleaved(Symbols, 20, firstIndex: 20);
        var after = TestCandles.Interleaved(Symbols, 20, firstIndex: 40);
        await PublishAsync(publisher, before);
        await WaitForMineAsync(app, before.Count);

        broker.SetDown();
        await PublishAsync(publisher, during);
        await Eventually.WaitAsync(() => !status.Snapshot().Connected, TimeSpan.FromSeconds(20), () => "the status never said disconnected");

        var kafka = (await StatusAsync(app)).GetProperty("kafka");
        kafka.GetProperty("connected").GetBoolean().Should().BeFalse();
        kafka.GetProperty("lastError").GetString().Should().Contain("Kafka is unreachable").And.Contain(cluster.BootstrapServers);
        var health = await app.Client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using (var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            var check = json.RootElement.GetProperty("checks").GetProperty("kafka");
            check.GetProperty("status").GetString().Should().Be("Unhealthy");
            check.GetProperty("description").GetString().Should().StartWith($"Kafka cannot be reached at {cluster.BootstrapServers}");
        }
        Mine(app).Should().HaveCount(before.Count, "nothing can arrive while the broker is down");

        broker.SetUp();
        await PublishAsync(publisher, after);
        await WaitForMineAsync(app, before.Count + during.Count + after.Count, TimeSpan.FromSeconds(40));
        await Eventually.WaitAsync(() => status.Snapshot().Connected, TimeSpan.FromSeconds(10), () => "the status never said connected again");

        var applied = Mine(app);
        foreach (var symbol in Symbols)
        {
            var expected = before.Concat(during).Concat(after).Where(c => c.Symbol == symbol).Select(c => c.OpenTime);
            applied.Where(c => c.Symbol == symbol).Select(c => c.OpenTime).Should().Equal(expected,
                $"{symbol}'s candles must all arrive, once each, in order");
        }
        status.Snapshot().DeadLettered.Should().Be(0);
        (await app.Client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "the app stayed up throughout");
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_reached_at_start_leaves_the_app_up_saying_why_and_unhealthy()
    {
        var closedPort = ClosedPort();
        var folder = Directory.CreateTempSubdirectory("unreachable-").FullName;
        try
        {
            using var app = AppProcess.Start(new Dictionary<string, string>
            {
                ["Kafka:BootstrapServers"] = $"127.0.0.1:{closedPort}",
                [Support.TestClusterKey.Setting] = Support.TestClusterKey.Hex,
                ["MarketData:Source"] = "Synthetic",
                ["MarketData:Synthetic:SymbolCount"] = "2",
                ["MarketData:Synthetic:UpdatesPerSecond"] = "10",
                ["Storage:Path"] = folder,
                ["Archive:Path"] = Path.Combine(folder, "archive"),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            var status = await app.WaitForStatusAsync(s => s.GetProperty("kafka").GetProperty("lastError").ValueKind == JsonValueKind.String,
                TimeSpan.FromSeconds(45), "the status to report the unreachable cluster");
            var kafka = status.GetProperty("kafka");
            kafka.GetProperty("connected").GetBoolean().Should().BeFalse();
            kafka.GetProperty("embedded").GetBoolean().Should().BeFalse();
            kafka.GetProperty("lastError").GetString().Should().Contain($"127.0.0.1:{closedPort}");

            using var health = await app.Http.GetAsync("/health");
            health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            var check = json.RootElement.GetProperty("checks").GetProperty("kafka");
            check.GetProperty("status").GetString().Should().Be("Unhealthy");
            check.GetProperty("description").GetString().Should().StartWith($"Kafka cannot be reached at 127.0.0.1:{closedPort}");

            // Still serving a few seconds later: the consumer keeps retrying instead of bringing the host down.
            await Task.Delay(TimeSpan.FromSeconds(2));
            app.HasExited.Should().BeFalse(app.Output);
            (await app.StatusAsync()).Should().NotBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task PublishAsync(IKlinePublisher publisher, IEnumerable<Candle> candles)
    {
        foreach (var candle in candles) await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
    }

    private static List<Candle> Mine(InProcessApp app) => app.Sink.Candles.Where(c => Symbols.Contains(c.Symbol)).ToList();

    private static Task WaitForMineAsync(InProcessApp app, int count, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Mine(app).Count >= count, timeout ?? TimeSpan.FromSeconds(20), () => $"{Mine(app).Count} of {count} candles applied");

    private static async Task<JsonElement> StatusAsync(InProcessApp app)
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/api/status"));
        return json.RootElement.Clone();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
