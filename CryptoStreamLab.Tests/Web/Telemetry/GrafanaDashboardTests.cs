using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Telemetry;

/// <summary>docs/grafana/cryptostreamlab.json asks only for series a running app's <c>/metrics</c> really has.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardFile = Path.Combine(RepositoryPaths.Root, "docs", "grafana", "cryptostreamlab.json");

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_one_the_app_exports()
    {
        var queried = Queries().SelectMany(expr => Selector().Matches(expr).Select(m => m.Groups[1].Value)).ToHashSet();
        queried.Should().Contain(["cryptostreamlab_stage_consumed_to_applied_milliseconds_bucket", "cryptostreamlab_kafka_lag",
            "cryptostreamlab_ledger_batch_size_bucket", "cryptostreamlab_state_published_total", "dotnet_gc_collections_total",
            "dotnet_process_cpu_time_seconds_total", "http_server_request_duration_seconds_count"]);

        await using var app = new InProcessApp(new Dictionary<string, string?>());
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(30),
            () => "the consumer never joined");
        // Closed candles reach every stage but the dashboard's render, which needs a browser: one render stands for it.
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in TestCandles.Interleaved(["BTCUSDT", "ETHUSDT"], 5))
            await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        using var another = new AnotherEngine(app.Services, new StreamKey("SOLUSDT", KlineInterval.OneMinute));
        another.Apply(TestCandles.Interleaved(["SOLUSDT"], 5)); // another engine's changes reach this node's replicas
        app.Services.GetRequiredService<PipelineMetrics>().RecordRendered(Stopwatch.GetTimestamp());
        (await app.Client.GetAsync("/api/v1/status")).StatusCode.Should().Be(HttpStatusCode.OK);

        var clock = Stopwatch.StartNew();
        string[] missing;
        while (true)
        {
            var text = await app.Client.GetStringAsync("/metrics");
            missing = queried.Where(metric => !PrometheusText.Has(text, metric)).Order().ToArray();
            if (missing.Length == 0 || clock.Elapsed > TimeSpan.FromSeconds(30)) break;
            await Task.Delay(200);
        }
        missing.Should().BeEmpty("every series the dashboard draws exists");
    }

    [Fact]
    public void Every_panel_draws_from_the_chosen_prometheus_and_filters_by_instance()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();

        panels.Should().HaveCountGreaterThanOrEqualTo(10);
        foreach (var panel in panels)
        {
            panel.GetProperty("datasource").GetProperty("uid").GetString().Should().Be("${datasource}");
            panel.GetProperty("targets").EnumerateArray().Should().NotBeEmpty()
                .And.OnlyContain(t => t.GetProperty("expr").GetString()!.Contains("instance=~\"$instance\""));
        }
    }

    private static IEnumerable<string> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .ToList();
    }

    // A series selector: a metric name followed by its label matchers.
    [GeneratedRegex(@"\b([a-z_][a-z0-9_]*)\{")]
    private static partial Regex Selector();
}
