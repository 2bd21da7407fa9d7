using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>Stale streams and Kafka outages: one alert per episode, again only after a recovery.</summary>
public sealed class AlertWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_silent_stream_is_alerted_once_per_silence()
    {
        await using var receiver = await WebhookReceiver.SucceedingAsync();
        await using var alerts = await AlertHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = receiver.Url(),
            ["Alerts:Webhooks:0:Events"] = "stale",
            ["MarketData:StaleAfter"] = "00:00:00.500",
        });

        await Eventually.WaitAsync(() => receiver.Accepted.Count == 1, Patience, () => "the never-updated stream was not reported stale");
        var first = receiver.Accepted[0].Json;
        first.GetProperty("event").GetString().Should().Be("stale");
        first.GetProperty("symbol").GetString().Should().Be("LTCUSDT");
        first.GetProperty("interval").GetString().Should().Be("1m");
        first.GetProperty("staleAfterSeconds").GetDouble().Should().Be(0.5);

        var update = DateTimeOffset.UtcNow;
        CsvCandleFeeder.ForSample(alerts.Market).ApplyClosed(1);
        await Eventually.WaitAsync(() => receiver.Accepted.Count == 2, Patience, () => "the second silence was not reported");

        receiver.Accepted.Should().HaveCount(2, "the first silence lasted many checks but was reported once");
        var second = receiver.Accepted[1].Json;
        second.GetProperty("silentSince").GetInt64().Should().BeGreaterThanOrEqualTo(update.ToUnixTimeMilliseconds() - 5);
        receiver.Accepted.Select(r => r.Key).Should().OnlyHaveUniqueItems();
        // The receiver has the body before the sender has read its response and counted the delivery.
        await Eventually.WaitAsync(() => alerts.Webhook(0).Delivered == 2, Patience, () => $"delivered {alerts.Webhook(0).Delivered}");
    }

    [Fact]
    public async Task Kafka_down_is_alerted_once_per_outage_after_two_unhealthy_checks()
    {
        await using var receiver = await WebhookReceiver.SucceedingAsync();
        var kafka = new SwitchableKafka();
        await using var alerts = await AlertHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = receiver.Url(),
            ["Alerts:Webhooks:0:Events"] = "kafka-down",
        }, kafka: kafka);

        await kafka.WaitForChecksAsync(3);
        kafka.Unhealthy = true;
        await Eventually.WaitAsync(() => receiver.Accepted.Count == 1, Patience, () => "the outage was not alerted");
        var alert = receiver.Accepted[0].Json;
        alert.GetProperty("event").GetString().Should().Be("kafka-down");
        alert.GetProperty("reason").GetString().Should().Be(SwitchableKafka.Reason);

        await kafka.WaitForChecksAsync(kafka.Checks + 5);
        receiver.Accepted.Should().ContainSingle("an outage is alerted once, however many checks see it");

        kafka.Unhealthy = false;
        await kafka.WaitForChecksAsync(kafka.Checks + 2);
        kafka.Unhealthy = true;
        await Eventually.WaitAsync(() => receiver.Accepted.Count == 2, Patience, () => "the second outage was not alerted");
        receiver.Accepted.Select(r => r.Key).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void One_unhealthy_check_is_not_an_outage()
    {
        var watch = new KafkaOutageWatch("node-a");
        var now = DateTimeOffset.UnixEpoch;
        watch.Observe(unhealthy: true, "blip", now).Should().BeNull();
        watch.Observe(unhealthy: false, null, now).Should().BeNull();
        watch.Observe(unhealthy: true, "down", now).Should().BeNull();
        watch.Observe(unhealthy: true, "down", now.AddSeconds(5))!.Id.Should().Be($"node-a:kafka-down:{now.AddSeconds(5).ToUnixTimeMilliseconds()}");
        watch.Observe(unhealthy: true, "down", now.AddSeconds(10)).Should().BeNull();
    }

    private sealed class SwitchableKafka : IKafkaHealthProbe
    {
        public const string Reason = "Kafka cannot be reached at 127.0.0.1:9: Local: Timed out";

        private int _checks;

        public volatile bool Unhealthy;

        public int Checks => Volatile.Read(ref _checks);

        public Task<(bool Unhealthy, string? Reason)> CheckAsync(CancellationToken cancellationToken)
        {
            var unhealthy = Unhealthy;
            Interlocked.Increment(ref _checks);
            return Task.FromResult<(bool, string?)>((unhealthy, unhealthy ? Reason : "connected"));
        }

        public Task WaitForChecksAsync(int count) =>
            Eventually.WaitAsync(() => Checks >= count, Patience, () => $"{Checks} of {count} Kafka checks");
    }
}
