using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bunit;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>The applied → rendered stage: from a stream's change to the live component's render that shows it.</summary>
public sealed class RenderLatencyMetricTests : DashboardTestContext
{
    private readonly ConcurrentQueue<double> _rendered = new();
    private readonly MeterListener _listener = new();

    public RenderLatencyMetricTests()
    {
        Services.AddMetrics();
        Services.AddSingleton(new KafkaStatus(new RestorePhase()));
        Services.AddSingleton<MarketDataStatus>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<PipelineMetrics>();
    }

    [Fact]
    public async Task A_render_after_a_change_records_the_time_since_the_change_and_one_without_a_change_does_not()
    {
        var metrics = Services.GetRequiredService<PipelineMetrics>();
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == PipelineMetrics.AppliedToRendered) l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _rendered.Enqueue(value));
        _listener.Start();

        var cut = Render<StreamNav>();
        _rendered.Should().BeEmpty("the first render shows no change");

        Feeder.ApplyClosed(1);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=nav-price]")[0].TextContent
            .Should().Be(DisplayFormat.Price(Market.Snapshot(Ltc).LastClose)), Patience);
        // Recorded after the render (OnAfterRender), which no later render may follow: poll rather than wait for a render.
        await Eventually.WaitAsync(() => !_rendered.IsEmpty, Patience, () => "the render after the change recorded nothing");
        _rendered.Should().ContainSingle();
        _rendered.Should().OnlyContain(ms => ms >= 0 && ms < 5_000);

        cut.Render();
        _rendered.Should().ContainSingle("a render nothing changed before measures nothing");
    }

    protected override void Dispose(bool disposing)
    {
        _listener.Dispose();
        base.Dispose(disposing);
    }
}
