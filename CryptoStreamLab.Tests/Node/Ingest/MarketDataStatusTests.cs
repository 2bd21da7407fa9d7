using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Resilience;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class MarketDataStatusTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static (MarketDataStatus Status, MarketDataHealthCheck Check, FakeTimeProvider Clock) Create()
    {
        var clock = new FakeTimeProvider(Noon);
        var status = new MarketDataStatus(clock);
        var options = new SettableOptionsMonitor<MarketDataOptions>(new MarketDataOptions { StaleAfter = TimeSpan.FromMinutes(1) });
        return (status, new MarketDataHealthCheck(status, options, clock), clock);
    }

    [Fact]
    public async Task Healthy_while_connected_and_messages_are_fresh_then_degraded_when_stale()
    {
        var (status, check, clock) = Create();
        status.SetSource("Binance");
        status.SetState("streaming");
        status.SetConnected(true);
        status.RecordMessage();

        (await check.CheckHealthAsync(new())).Status.Should().Be(HealthStatus.Healthy);

        clock.SetUtcNow(Noon.AddMinutes(2));
        var stale = await check.CheckHealthAsync(new());
        stale.Status.Should().Be(HealthStatus.Degraded);
        stale.Description.Should().Contain("no message for 00:02:00");
    }

    [Fact]
    public async Task Degraded_with_the_reason_while_disconnected()
    {
        var (status, check, _) = Create();
        status.SetSource("Binance");
        status.SetState("reconnecting in 4 s");
        status.RecordError("WebSocket connection to wss://stream.binance.com:9443/stream failed: Name or service not known");

        var result = await check.CheckHealthAsync(new());

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Be("Binance is not connected (reconnecting in 4 s): WebSocket connection to wss://stream.binance.com:9443/stream failed: Name or service not known");
        result.Data["reconnects"].Should().Be(0L);
    }

    [Fact]
    public void Snapshot_carries_every_counter()
    {
        var (status, _, _) = Create();
        status.SetSource("Replay");
        status.SetConnected(true);
        status.RecordMessage();
        status.RecordMessage();
        status.RecordPublished();
        status.RecordReconnect();
        status.RecordMalformed("bad frame");

        status.Snapshot().Should().Be(new MarketDataStatusSnapshot(
            "Replay", "not started", true, Noon, Noon, Messages: 2, Published: 1, Reconnects: 1, Malformed: 1, "bad frame", Noon));
    }

    [Fact]
    public void Backoff_doubles_from_the_minimum_up_to_the_maximum_with_jitter_in_the_upper_half()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));

        for (var failures = 0; failures < 40; failures++)
        {
            var cap = Math.Min(30, Math.Pow(2, Math.Min(failures, 30)));
            backoff.Next(failures).TotalSeconds.Should().BeInRange(cap / 2, cap);
        }
        Enumerable.Range(0, 20).Select(_ => backoff.Next(10)).Distinct().Should().HaveCountGreaterThan(15, "jitter spreads clients out");
    }

    [Fact]
    public async Task The_hosted_service_survives_a_source_that_throws()
    {
        var status = new MarketDataStatus();
        var service = new MarketDataService([new ThrowingSource()],
            new SettableOptionsMonitor<MarketDataOptions>(new MarketDataOptions { Source = MarketDataSourceKind.Synthetic }), status, NullLogger<MarketDataService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));

        service.ExecuteTask.IsCompletedSuccessfully.Should().BeTrue();
        status.Snapshot().LastError.Should().Be("Synthetic source stopped: publisher exploded");
        await service.StopAsync(CancellationToken.None);
    }

    private sealed class ThrowingSource : IMarketDataSource
    {
        public MarketDataSourceKind Kind => MarketDataSourceKind.Synthetic;

        public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("publisher exploded");
    }
}
