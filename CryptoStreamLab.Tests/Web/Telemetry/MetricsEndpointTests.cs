using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Tests.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Telemetry;

/// <summary>
/// <c>/metrics</c> as Prometheus scrapes it: the app's stage histograms in the text format, behind access control when
/// that is on (an API key or a sign-in; 401 otherwise), open when it is off, absent when turned off.
/// </summary>
public sealed class MetricsEndpointTests
{
    private const string ConsumedToAppliedCount = "cryptostreamlab_stage_consumed_to_applied_milliseconds_count";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_access_control_on_an_api_key_reads_the_stage_histograms_and_no_credential_gets_401()
    {
        await using var secured = await SecuredApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Synthetic",
            ["MarketData:Synthetic:UpdatesPerSecond"] = "20",
        });

        using (var anonymous = await secured.Anonymous().GetAsync("/metrics"))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a scraper without a key gets 401, not the sign-in page");
            (await anonymous.Content.ReadAsStringAsync()).Should().NotContain("cryptostreamlab");
        }
        using (var wrongKey = await secured.WithKey("csl_0000000000000000000000000000000000000000").GetAsync("/metrics"))
        {
            wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            wrongKey.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        }

        using var another = new AnotherEngine(secured.App.Services, new StreamKey("SOLUSDT", KlineInterval.OneMinute));
        another.Apply(TestCandles.Interleaved(["SOLUSDT"], 5)); // another engine's changes reach this node's replicas
        var text = await ScrapeUntilAsync(secured.WithKey(), text =>
            PrometheusText.Sum(text, ConsumedToAppliedCount) > 0 &&
            PrometheusText.Has(text, "cryptostreamlab_stage_applied_to_state_published_milliseconds_bucket") &&
            PrometheusText.Has(text, "cryptostreamlab_stage_state_to_replica_milliseconds_bucket"),
            text => "the stage histograms never appeared:\n" + text);

        text.Should().Contain("# TYPE cryptostreamlab_stage_consumed_to_applied_milliseconds histogram")
            .And.Contain("cryptostreamlab_stage_consumed_to_applied_milliseconds_bucket{otel_scope_name=\"CryptoStreamLab\",le=\"0.01\"}")
            .And.Contain("cryptostreamlab_stage_consumed_to_applied_milliseconds_bucket{otel_scope_name=\"CryptoStreamLab\",le=\"+Inf\"}")
            .And.Contain("cryptostreamlab_candles_applied_total")
            .And.Contain("cryptostreamlab_kafka_lag")
            .And.Contain("cryptostreamlab_state_published_total")
            .And.Contain("cryptostreamlab_state_applied_total")
            .And.Contain("dotnet_gc_collections_total", "the runtime's metrics are exported too")
            .And.Contain("target_info{service_name=\"CryptoStreamLab\"");

        using var cookie = await secured.SignedInAsync();
        using var signedIn = await cookie.GetAsync("/metrics");
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK, "a signed-in user may read them in a browser");
        signedIn.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
    }

    [Fact]
    public async Task The_consumed_to_applied_count_rises_as_candles_flow_and_counts_this_app_s_candles_only()
    {
        // Another host's meter of the same name in the same process (as other tests' apps are): none of its measurements may show.
        using var neighbourServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var neighbour = new PipelineMetrics(neighbourServices.GetRequiredService<IMeterFactory>(), new KafkaStatus(new RestorePhase()),
            new MarketDataStatus(), TimeProvider.System);
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        await app.StartAsync();
        for (var i = 0; i < 10_000; i++) neighbour.RecordConsumedToApplied(Stopwatch.GetTimestamp());
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, Patience, () => "the consumer never joined");
        var client = app.Client;
        var before = PrometheusText.Sum(await ScrapeUntilAsync(client, _ => true, _ => ""), ConsumedToAppliedCount);

        var candles = TestCandles.Interleaved(["BTCUSDT", "ETHUSDT"], 20);
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in candles) await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);

        var after = await ScrapeUntilAsync(client, text => PrometheusText.Sum(text, ConsumedToAppliedCount) >= before + candles.Count,
            text => $"{ConsumedToAppliedCount} went from {before} to {PrometheusText.Sum(text, ConsumedToAppliedCount)}, not up by " +
                    $"{candles.Count}; applied {status.Snapshot().Applied}");
        PrometheusText.Sum(after, ConsumedToAppliedCount).Should().BeLessThanOrEqualTo(status.Snapshot().Consumed,
            "one measurement per candle this app's consumer applied, and none of the neighbour's");
    }

    [Fact]
    public async Task Turned_off_there_is_no_scrape_endpoint()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?> { ["OpenTelemetry:Prometheus:Enabled"] = "false" });
        await app.StartAsync();

        using var response = await app.Client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds for what <c>/metrics</c> says, and returns that.</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> condition, Func<string, string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var text = await response.Content.ReadAsStringAsync();
            if (condition(text)) return text;
            if (clock.Elapsed > Patience) throw new TimeoutException($"Timed out after {Patience.TotalSeconds} s: {describe(text)}");
            await Task.Delay(100);
        }
    }
}
