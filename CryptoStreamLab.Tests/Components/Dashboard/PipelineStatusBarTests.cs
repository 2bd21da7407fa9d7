using Bunit;
using CryptoStreamLab.Web.Components.Dashboard;
using CryptoStreamLab.Web.State;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Components.Dashboard;

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
}
