using Bunit;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Components.Dashboard;
using CryptoStreamLab.Web.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Components;

/// <summary>A bUnit context with the dashboard's services: two streams, a fast render limit, loose JS interop for Plotly and MudBlazor.</summary>
/// <remarks>Disposed asynchronously because some MudBlazor services can only be disposed that way.</remarks>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    public static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    public static readonly StreamKey Link = new("LINKUSDT", KlineInterval.OneMinute);

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Market = CsvCandleFeeder.NewMarketState(Restore, Ltc, Link);
        Feeder = CsvCandleFeeder.ForSample(Market);
        Services.AddSingleton(Market);
        Services.AddSingleton(Options.Create(new DashboardOptions { MaxRendersPerSecond = 50 }));
        Services.AddScoped<RenderThrottle>();
    }

    protected MarketState Market { get; }

    /// <summary>The restoring flag the market state reads; set it as the Kafka consumer would.</summary>
    protected RestorePhase Restore { get; } = new();

    protected CsvCandleFeeder Feeder { get; }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
}

/// <summary>A status provider whose answer a test sets.</summary>
public sealed class FakePipelineStatus : IPipelineStatusProvider
{
    public PipelineStatus Current { get; set; } = Healthy;

    public static PipelineStatus Healthy { get; } = new("Replay", SourceConnected: true, LastSourceMessage: null, SourceReconnects: 0,
        SourceError: null, KafkaBootstrapServers: "127.0.0.1:9092", KafkaEmbedded: true, KafkaConnected: true, KafkaLag: 12,
        DeadLettered: 0, KafkaError: null, Restoring: false);
}
