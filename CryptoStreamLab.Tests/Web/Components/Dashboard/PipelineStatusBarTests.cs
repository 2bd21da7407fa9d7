using Bunit;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

public sealed class PipelineStatusBarTests : DashboardTestContext
{
    [Fact]
    public void Without_a_status_provider_it_says_status_unavailable()
    {
        var cut = Render<PipelineStatusBar>();

        cut.Find("[data-testid=pipeline-status]").TextContent.Should().Contain("Status unavailable");
    }

    [Fact]
    public void Shows_the_source_and_kafka_with_lag()
    {
        Services.AddSingleton<IPipelineStatusProvider>(new FakePipelineStatus());

        var cut = Render<PipelineStatusBar>();

        cut.Find("[data-testid=source-chip]").TextContent.Should().Contain("Replay live");
        cut.Find("[data-testid=kafka-chip]").TextContent.Should().Contain("lag 12");
    }

    [Fact]
    public void Pushes_a_changed_status_without_the_browser_asking()
    {
        var provider = new FakePipelineStatus();
        Services.AddSingleton<IPipelineStatusProvider>(provider);
        var cut = Render<PipelineStatusBar>();

        provider.Current = FakePipelineStatus.Healthy with { KafkaConnected = false, KafkaLag = 4_321 };

        cut.WaitForAssertion(() => cut.Find("[data-testid=kafka-chip]").TextContent.Should().Contain("down · lag 4,321"), Patience);
    }

    [Fact]
    public async Task Shows_restoring_and_stops_refreshing_when_disposed()
    {
        UseSteppedTime();
        var provider = new FakePipelineStatus();
        Services.AddSingleton<IPipelineStatusProvider>(provider);
        var cut = Render<PipelineStatusBar>();
        Restore.Set(true);
        var reads = provider.Reads;
        await AdvanceAsync(PipelineStatusBar.RefreshInterval);
        cut.Markup.Should().Contain("Restoring");
        provider.Reads.Should().Be(reads + 1, "the bar polls the status once per refresh interval");

        await DisposeComponentsAsync();
        var renders = cut.RenderCount;
        reads = provider.Reads;
        provider.Current = FakePipelineStatus.Healthy with { KafkaLag = 99 };
        await AdvanceAsync(PipelineStatusBar.RefreshInterval * 2);

        provider.Reads.Should().Be(reads, "a disposed bar stops polling");
        cut.RenderCount.Should().Be(renders);
    }

    [Fact]
    public void Shows_this_node_and_on_a_node_with_an_engine_no_cluster_notice()
    {
        Services.AddSingleton<IPipelineStatusProvider>(new FakePipelineStatus());
        Services.AddSingleton(Options.Create(new NodeOptions { Id = "node-a" }));
        Services.AddSingleton(new ClusterView());

        var cut = Render<PipelineStatusBar>();

        var node = cut.Find("[data-testid=node-chip]");
        node.TextContent.Trim().Should().Be("node-a");
        node.GetAttribute("title").Should().Be("This node: node-a (Ingest,Engine,Dashboard)");
        cut.FindAll("[data-testid=source-chip]").Should().ContainSingle();
        cut.FindAll("[data-testid=cluster-chip]").Should().BeEmpty();
        cut.FindAll("[data-testid=no-engine-chip]").Should().BeEmpty("its own engine publishes, whatever the cluster view says");
    }

    [Fact]
    public async Task A_dashboard_node_says_figures_come_from_the_cluster_and_warns_while_no_engine_publishes()
    {
        UseSteppedTime();
        Services.AddSingleton<IPipelineStatusProvider>(new FakePipelineStatus());
        Services.AddSingleton(Options.Create(new NodeOptions { Id = "dash-1", Roles = "Dashboard" }));
        var cluster = new ClusterView();
        Services.AddSingleton(cluster);
        var clock = Services.GetRequiredService<TimeProvider>();
        cluster.Record(new NodeHeartbeat("engine-1", "Engine", ["LTCUSDT-1m"], clock.GetUtcNow().ToUnixTimeMilliseconds()), clock.GetUtcNow());

        var cut = Render<PipelineStatusBar>();
        cut.Find("[data-testid=cluster-chip]").TextContent.Trim().Should().Be("Figures from the cluster");
        cut.FindAll("[data-testid=source-chip]").Should().BeEmpty("a node without the Ingest role runs no source");
        cut.FindAll("[data-testid=no-engine-chip]").Should().BeEmpty("engine-1 was heard from just now");

        await AdvanceAsync(ClusterView.Liveness + PipelineStatusBar.RefreshInterval);
        cut.Find("[data-testid=no-engine-chip]").TextContent.Trim().Should().Be("No engine publishing");
        cut.Find("[data-testid=no-engine-chip]").GetAttribute("title").Should().Contain("each stream shows its last state");

        cluster.Record(new NodeHeartbeat("engine-2", "Engine", [], clock.GetUtcNow().ToUnixTimeMilliseconds()), clock.GetUtcNow());
        await AdvanceAsync(PipelineStatusBar.RefreshInterval);
        cut.FindAll("[data-testid=no-engine-chip]").Should().BeEmpty("engine-2 took over");
    }
}
