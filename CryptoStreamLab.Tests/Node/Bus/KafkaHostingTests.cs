using System.Net;
using System.Text.Json;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>The backbone wired into a web app the way the integrator wires it.</summary>
public sealed class KafkaHostingTests(EmbeddedBrokerFixture fixture) : IClassFixture<EmbeddedBrokerFixture>
{
    [Fact]
    public async Task With_default_settings_the_app_starts_an_embedded_broker_and_serves_status_and_health()
    {
        var logs = new CapturingLoggerProvider();
        var sink = new RecordingSink();
        await using var app = BuildApp(new Dictionary<string, string?>(), logs, sink);
        await app.StartAsync();
        var client = app.GetTestClient();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot().AssignedPartitions == 3, null, () => "consumer not assigned");

        var candles = TestCandles.Interleaved(["BTCUSDT", "XRPUSDT", "SOLUSDT"], 10);
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in candles) await publisher.PublishAsync(candle, 0, CancellationToken.None);
        await sink.WaitForCountAsync(candles.Count);

        var address = status.Snapshot().BootstrapServers;
        address.Should().MatchRegex(@"^127\.0\.0\.1:\d+$");
        logs.Messages.Should().Contain(m => m.Contains("embedded") && m.Contains("in memory") && m.Contains(address) &&
            m.Contains("StreamQuant") && m.Contains("StreamQuant.dlq") && m.Contains("kcat -b " + address));

        await Eventually.WaitAsync(() => status.Snapshot().Produced == candles.Count, null, () => "deliveries not confirmed");
        using (var json = JsonDocument.Parse(await client.GetStringAsync("/api/kafka")))
        {
            var root = json.RootElement;
            root.GetProperty("embedded").GetBoolean().Should().BeTrue();
            root.GetProperty("bootstrapServers").GetString().Should().Be(address);
            root.GetProperty("produced").GetInt64().Should().Be(candles.Count);
            root.GetProperty("applied").GetInt64().Should().Be(candles.Count);
            root.GetProperty("deadLettered").GetInt64().Should().Be(0);
            root.GetProperty("restoring").GetBoolean().Should().BeFalse();
        }

        var health = await client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).Should().Be("Healthy");
        status.Snapshot().Connected.Should().BeTrue();
        await app.StopAsync();
    }

    [Fact]
    public async Task Against_a_cluster_its_topics_are_used_and_credentials_never_reach_logs_or_status()
    {
        // The embedded broker has no controller, so the AdminClient cannot create topics on it: they exist already.
        var topic = fixture.NewTopic();
        var logs = new CapturingLoggerProvider();
        await using var app = BuildApp(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = fixture.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:Client:session.timeout.ms"] = "3000",
            ["Kafka:Client:sasl.username"] = "dashboard",
            ["Kafka:Client:sasl.password"] = "hunter2-password",
            ["Kafka:Client:ssl.key.password"] = "hunter3-key",
        }, logs, new RecordingSink());
        await app.StartAsync();
        var client = app.GetTestClient();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot().AssignedPartitions == 3, null, () => "consumer not assigned");

        logs.Messages.Should().Contain(m => m.Contains("cluster at " + fixture.BootstrapServers) && m.Contains(topic));
        logs.Messages.Should().NotContain(m => m.Contains("created topics"), "the topics existed");

        var statusJson = await client.GetStringAsync("/api/kafka");
        var healthJson = await client.GetStringAsync("/health");
        status.Snapshot().Embedded.Should().BeFalse();
        logs.Messages.Should().Contain(m => m.Contains("sasl.username=dashboard") && m.Contains("sasl.password=***") &&
            m.Contains("ssl.key.password=***"), "setting names are logged with sensitive values masked");
        foreach (var secret in new[] { "hunter2", "hunter3" })
        {
            logs.Messages.Should().NotContain(m => m.Contains(secret));
            statusJson.Should().NotContain(secret);
            healthJson.Should().NotContain(secret);
        }
        await app.StopAsync();
    }

    [Fact]
    public async Task An_unreachable_cluster_reports_unhealthy_with_the_reason()
    {
        // Port 9 (discard) on loopback: nothing listens, so connections are refused at once.
        await using var app = BuildApp(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:9" },
            new CapturingLoggerProvider(), new RecordingSink());
        var health = app.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["kafka"].Description.Should().StartWith("Kafka cannot be reached");
        var status = app.Services.GetRequiredService<KafkaStatus>().Snapshot();
        status.Connected.Should().BeFalse();
        status.LastError.Should().NotBeNullOrEmpty();
        status.BootstrapServers.Should().Be("127.0.0.1:9");
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start_with_every_problem_listed()
    {
        await using var app = BuildApp(new Dictionary<string, string?>
        {
            ["Kafka:Topic"] = "bad topic!",
            ["Kafka:Partitions"] = "0",
            ["Kafka:BootstrapServers"] = "localhost",
            ["Kafka:Client:group.id"] = "other",
        }, new CapturingLoggerProvider(), new RecordingSink());

        var start = () => app.StartAsync();

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Failures.Should().HaveCount(4);
        failure.Message.Should().Contain("Kafka:Topic").And.Contain("Kafka:Partitions").And.Contain("localhost")
            .And.Contain("Kafka:Client:group.id");
    }

    private static WebApplication BuildApp(Dictionary<string, string?> settings, CapturingLoggerProvider logs, ICandleSink sink)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton(sink);
        builder.Services.AddKafkaBackbone(builder.Configuration);
        var app = builder.Build();
        app.MapGroup("/api").MapKafka();
        app.MapHealthChecks("/health");
        return app;
    }
}
