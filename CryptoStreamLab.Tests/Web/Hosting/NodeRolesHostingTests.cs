using System.Net;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;


namespace CryptoStreamLab.Tests.Web.Hosting;

/// <summary>A node runs and serves only what its roles ask for; status and cluster endpoints are on every node.</summary>
public sealed class NodeRolesHostingTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("Ingest", true)]
    [InlineData("dashboard , INGEST", true)]
    [InlineData("Engine,Dashboard", false)]
    [InlineData("Dashboard", false)]
    public void Only_an_ingest_node_runs_the_market_data_source_and_checks_its_health(string? roles, bool ingest)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (roles is not null) builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Node:Roles"] = roles });

        builder.AddCryptoStreamLab();

        builder.Services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MarketDataService))
            .Should().Be(ingest);
        using var app = builder.Build();
        app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name)
            .Contains("market-data").Should().Be(ingest);
        app.Services.GetRequiredService<MarketDataStatus>().Snapshot().State
            .Should().Be(ingest ? "not started" : "off: this node has no Ingest role");
    }

    [Fact]
    public async Task A_node_without_the_dashboard_role_serves_status_cluster_and_health_but_no_pages()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?> { ["Node:Roles"] = "engine", ["Node:Id"] = "engine-1" });
        await app.StartAsync();
        var xrp = new StreamKey("XRPUSDT", KlineInterval.OneMinute);
        app.Services.GetRequiredService<StreamDirectory>().ApplyState(new StateUpdate(xrp, "engine-2", CandleOrigin.None, Evaluation: null,
            new AccountState(10_000m, 0, 0, 0, 0), 10_000m, RejectedUpdates: 0, AsOfOpenTime: 0, Time: 1));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        app.Services.GetRequiredService<ClusterView>().Record(new NodeHeartbeat("engine-2", "Engine", ["XRPUSDT-1m"], now.ToUnixTimeMilliseconds()), now);

        var home = await app.Client.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).Should().StartWith("CryptoStreamLab node engine-1 (Engine) serves no dashboard")
            .And.NotContain("<html");
        (await app.Client.GetAsync("/stream/XRPUSDT/1m")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.Client.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue();
        (await app.Client.GetAsync("/api/kafka")).IsSuccessStatusCode.Should().BeTrue();

        using (var status = JsonDocument.Parse(await app.Client.GetStringAsync("/api/status")))
        {
            var root = status.RootElement;
            root.GetProperty("node").GetProperty("id").GetString().Should().Be("engine-1");
            root.GetProperty("node").GetProperty("roles").GetString().Should().Be("Engine");
            var stream = root.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == "XRPUSDT");
            stream.GetProperty("owner").GetString().Should().Be("engine-2");
        }

        using var cluster = JsonDocument.Parse(await app.Client.GetStringAsync("/api/cluster"));
        var clusterRoot = cluster.RootElement;
        clusterRoot.GetProperty("node").GetProperty("id").GetString().Should().Be("engine-1");
        clusterRoot.GetProperty("enginePublishing").GetBoolean().Should().BeTrue();
        // Besides engine-2, the node may already have heard its own heartbeat back from the state topic.
        var node = clusterRoot.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("id").GetString() != "engine-1")
            .Should().ContainSingle().Subject;
        node.GetProperty("id").GetString().Should().Be("engine-2");
        node.GetProperty("roles").GetString().Should().Be("Engine");
        node.GetProperty("streams").EnumerateArray().Select(s => s.GetString()).Should().Equal("XRPUSDT-1m");
        node.GetProperty("lastSeen").GetDateTimeOffset().Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
        node.GetProperty("alive").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task By_default_one_node_has_every_role_and_serves_the_dashboard()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        await app.StartAsync();

        var home = await app.Client.GetStringAsync("/");
        home.Should().Contain("<html").And.Contain("data-testid=\"stream-nav\"");

        using var status = JsonDocument.Parse(await app.Client.GetStringAsync("/api/status"));
        var node = status.RootElement.GetProperty("node");
        node.GetProperty("id").GetString().Should().Be($"{Environment.MachineName}-{Environment.ProcessId}");
        node.GetProperty("roles").GetString().Should().Be("Ingest,Engine,Dashboard");
        // The node hears its own heartbeat back from the state topic, like any other node's.
        var id = node.GetProperty("id").GetString();
        JsonElement cluster = default;
        await Eventually.WaitAsync(() =>
        {
            using var json = JsonDocument.Parse(app.Client.GetStringAsync("/api/cluster").GetAwaiter().GetResult());
            cluster = json.RootElement.Clone();
            return cluster.GetProperty("nodes").GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(15), () => "the node never heard its own heartbeat");
        var self = cluster.GetProperty("nodes").EnumerateArray().Should().ContainSingle().Subject;
        (self.GetProperty("id").GetString(), self.GetProperty("roles").GetString()).Should().Be((id, "Ingest,Engine,Dashboard"));
        cluster.GetProperty("enginePublishing").GetBoolean().Should().BeTrue();
    }
}
