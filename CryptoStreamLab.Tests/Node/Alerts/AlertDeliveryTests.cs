using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>Deliveries to real HTTP receivers: retries, idempotency keys, isolation between webhooks, redirects, a full queue.</summary>
public sealed class AlertDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_hanging_receiver_does_not_delay_another_webhook()
    {
        await using var hanging = await WebhookReceiver.HangingAsync();
        await using var healthy = await WebhookReceiver.SucceedingAsync();
        await using var alerts = await AlertHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = hanging.Url(),
            ["Alerts:Webhooks:1:Url"] = healthy.Url(),
            ["Alerts:AttemptTimeout"] = "00:00:05",
            ["Alerts:TotalTimeout"] = "00:00:07",
            ["Alerts:MaxRetries"] = "1",
        }, BusyStrategy.Market());

        CsvCandleFeeder.ForSample(alerts.Market).ApplyClosed(1_000);
        var fills = alerts.Market.Snapshot(CsvCandleFeeder.Stream).Fills;
        fills.Should().HaveCountGreaterThan(3, "the sample must trade a few times for this test to mean anything");

        // Well within the hanging receiver's first attempt (5 s): one worker per webhook, so nothing waits for it.
        await Eventually.WaitAsync(() => healthy.Accepted.Count == fills.Count, Patience,
            () => $"the healthy webhook got {healthy.Accepted.Count} of {fills.Count} fills");
        alerts.Webhook(0).Should().Match<WebhookStatus>(s => s.Delivered == 0 && s.Failed == 0,
            "the hanging receiver is still holding its first alert while the other webhook got every one");
        // The receiver has the last body before the sender has read its response and counted the delivery.
        await Eventually.WaitAsync(() => alerts.Webhook(1).Delivered == fills.Count, Patience, () => $"delivered {alerts.Webhook(1).Delivered}");

        await Eventually.WaitAsync(() => alerts.Webhook(0).Failed >= 1, Patience, () => "the hanging receiver's first alert never failed");
        alerts.Webhook(0).LastError.Should().Contain("no answer in time");
        // The receiver records a request when the client gives up on it.
        await Eventually.WaitAsync(() => hanging.Requests.Count >= 2, Patience, () => "the attempt that timed out was not retried");
        hanging.Requests.Take(2).Select(r => r.Key).Distinct().Should().ContainSingle("a retry carries the same idempotency key");
    }

    [Fact]
    public async Task A_redirect_loop_ends_at_once_counted_as_failed()
    {
        await using var redirecting = await WebhookReceiver.RedirectingToItselfAsync();
        await using var alerts = await AlertHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = redirecting.Url("/hook?token=loop-secret"),
        });

        alerts.Dispatcher.Publish(SampleFill());

        await Eventually.WaitAsync(() => alerts.Webhook(0).Failed == 1, Patience, () => "the redirected alert never counted as failed");
        var status = alerts.Webhook(0);
        status.Delivered.Should().Be(0);
        status.LastError.Should().Contain("HTTP 302").And.Contain("not followed").And.NotContain("loop-secret");
        redirecting.Requests.Should().ContainSingle("a redirect is neither followed nor retried");
    }

    [Fact]
    public async Task A_full_queue_drops_new_alerts_and_counts_them_without_blocking()
    {
        await using var hanging = await WebhookReceiver.HangingAsync();
        await using var alerts = await AlertHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = hanging.Url(),
            ["Alerts:QueueCapacity"] = "2",
            ["Alerts:AttemptTimeout"] = "00:01:00",
            ["Alerts:TotalTimeout"] = "00:01:00",
        });

        alerts.Dispatcher.Publish(SampleFill(0));
        await Eventually.WaitAsync(() => alerts.Webhook(0).Pending == 0, Patience, () => "the first alert was never taken from the queue");
        for (var i = 1; i <= 9; i++) alerts.Dispatcher.Publish(SampleFill(i));

        alerts.Webhook(0).Should().Match<WebhookStatus>(s => s.Pending == 2 && s.Dropped == 7,
            "one alert is in flight, two wait in the queue, and the rest are dropped and counted");
    }

    [Fact]
    public async Task No_log_at_any_level_shows_a_webhook_url_beyond_its_host()
    {
        await using var failing = await WebhookReceiver.FailingAsync();
        await using var alerts = await AlertHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = failing.Url("/services/T0/B0/path-secret?token=query-secret"),
            ["Alerts:MaxRetries"] = "2",
        });

        alerts.Dispatcher.Publish(SampleFill());

        await Eventually.WaitAsync(() => alerts.Webhook(0).Failed == 1, Patience, () => "the alert never failed");
        failing.Requests.Should().HaveCount(3);
        var masked = $"http://127.0.0.1:{failing.BaseAddress.Port}/…";
        alerts.Webhook(0).Url.Should().Be(masked);
        alerts.Webhook(0).LastError.Should().Be("HTTP 500 Internal Server Error");
        alerts.Logs.Lines.Where(entry => entry.StartsWith("Warning") || entry.StartsWith("Error")).Should().ContainSingle()
            .Which.Should().Contain(masked).And.Contain("could not be delivered", "a failed alert is one warning, not one per attempt");
        alerts.Logs.Lines.Should().Contain(entry => entry.StartsWith("Debug Polly") && entry.Contains("OnRetry"), "the retries are logged at Debug");
        alerts.Logs.Lines.Should().NotContain(entry => entry.Contains("secret") || entry.Contains("/services/"),
            "webhook URLs hold tokens: only scheme, host and port may be logged");
    }

    internal static AlertEvent SampleFill(int minute = 0) => AlertEvent.ForFill(CsvCandleFeeder.Stream,
        new Fill(1_769_904_000_000 + minute * 60_000L, TradeSide.Buy, 68.12m, 146.7m, 9.99m, 0.5m, 146.7m));
}
