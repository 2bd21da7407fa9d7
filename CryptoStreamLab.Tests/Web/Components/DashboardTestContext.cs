using Bunit;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Web.Components;

/// <summary>A bUnit context with the dashboard's services: two streams, a fast render limit, loose JS interop for the charts and MudBlazor.</summary>
/// <remarks>Disposed asynchronously because some MudBlazor services can only be disposed that way.</remarks>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    public static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    public static readonly StreamKey Link = new("LINKUSDT", KlineInterval.OneMinute);

    /// <param name="lineup">The strategies the streams run; the seed's alone when null, as the app runs without a Strategies section.</param>
    protected DashboardTestContext(StrategyLineup? lineup = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCircuitServices();
        Market = lineup is null ? CsvCandleFeeder.NewStreamDirectory(Restore, Ltc, Link) : CsvCandleFeeder.NewStreamDirectory(Restore, lineup, Ltc, Link);
        Feeder = CsvCandleFeeder.ForSample(Market);
        Services.AddSingleton(Market);
        Services.AddSingleton(Options.Create(new DashboardOptions { MaxRendersPerSecond = 50 }));
        Services.AddScoped<RenderThrottle>();
    }

    protected StreamDirectory Market { get; }

    /// <summary>The restoring flag the market state reads; set it as the Kafka consumer would.</summary>
    protected RestorePhase Restore { get; } = new();

    protected CsvCandleFeeder Feeder { get; }

    private SteppedTime? _time;

    /// <summary>
    /// Puts the dashboard's timers (the render throttle, the status refresh) on a clock that <see cref="AdvanceAsync"/>
    /// moves; call before rendering.
    /// </summary>
    protected void UseSteppedTime()
    {
        _time = new SteppedTime();
        Services.AddSingleton<TimeProvider>(_time);
    }

    /// <summary>
    /// Moves the clock, which fires the timers due by then, and returns once every render they asked for has run:
    /// the renderer runs its work in order, so an empty work item queued after them completes after them.
    /// </summary>
    protected async Task AdvanceAsync(TimeSpan by)
    {
        (_time ?? throw new InvalidOperationException("Call UseSteppedTime first.")).Advance(by);
        await Renderer.Dispatcher.InvokeAsync(() => { });
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
}

/// <summary>A status provider whose answer a test sets.</summary>
public sealed class FakePipelineStatus : IPipelineStatusProvider
{
    private PipelineStatus _current = Healthy;
    private int _reads;

    public PipelineStatus Current
    {
        get
        {
            Interlocked.Increment(ref _reads);
            return _current;
        }
        set => _current = value;
    }

    /// <summary>How often <see cref="Current"/> was read: a component that polls it reads it on every refresh.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public static PipelineStatus Healthy { get; } = new("Replay", SourceConnected: true, LastSourceMessage: null, SourceReconnects: 0,
        SourceError: null, KafkaBootstrapServers: "127.0.0.1:9092", KafkaEmbedded: true, KafkaConnected: true, KafkaLag: 12,
        DeadLettered: 0, KafkaError: null, Restoring: false);
}
