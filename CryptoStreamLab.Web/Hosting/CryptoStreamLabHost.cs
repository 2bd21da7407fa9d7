using CryptoStreamLab.Web.Alerts;
using CryptoStreamLab.Web.Http;
using CryptoStreamLab.Web.Archive;
using CryptoStreamLab.Web.Cluster;
using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Diagnostics;
using CryptoStreamLab.Web.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CryptoStreamLab.Web.MarketData;
using CryptoStreamLab.Web.Security;
using CryptoStreamLab.Web.State;
using CryptoStreamLab.Web.Storage;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>All of the app's wiring, so Program.cs stays a few lines.</summary>
public static class CryptoStreamLabHost
{
    public static WebApplicationBuilder AddCryptoStreamLab(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // Read now, not from options: what a node registers and maps depends on them. Default: every role.
        var roles = configuration.GetNodeRoles();

        services.AddNode(configuration);
        services.AddEngineOptions(configuration);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => new LedgerRecorder(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath(builder.Environment.ContentRootPath),
            sp.GetRequiredService<ILogger<LedgerRecorder>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var marketData = sp.GetRequiredService<IOptions<MarketDataOptions>>().Value;
            var node = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            return new MarketState(marketData.Streams(), sp.EngineSettings(marketData.BufferCapacity), sp.GetRequiredService<LedgerRecorder>(),
                sp.GetService<TimeProvider>(), sp.GetRequiredService<RestorePhase>(),
                new StatePublication(sp.GetRequiredService<IStateSink>(), node.EffectiveId), sp.GetRequiredService<ICommandSink>(),
                runsEngines: roles.HasFlag(NodeRoles.Engine), archive: Archive(sp));
        });
        services.TryAddSingleton<RestorePhase>();

        services.AddSingleton<ICandleSink>(sp => sp.GetRequiredService<MarketState>());
        // First hosted service, so the ledger closes last on shutdown.
        services.AddHostedService<LedgerLifetime>();
        services.AddCandleArchive(configuration, builder.Environment.ContentRootPath, roles);
        // Older candles for the charts' scroll-back and the candles endpoint, on every node.
        services.AddSingleton(sp => new CandleHistory(sp.GetRequiredService<CandleArchive>(), sp.GetRequiredService<MarketState>(),
            sp.GetRequiredService<IOptions<CryptoStreamLab.Core.Strategy.StrategyOptions>>(), sp.GetRequiredService<ILogger<CandleHistory>>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddAlerts(configuration, roles); // Before the consumer: watching starts before candles arrive, and stops after them.
        // The producer must exist before the market-data sources start publishing through it.
        services.AddKafkaBackbone(configuration, roles);
        services.AddMarketData(configuration, roles);
        services.AddSingleton<IPipelineStatusProvider, PipelineStatusProvider>();
        services.AddSingleton<PipelineMetrics>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddDashboard(configuration);
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("ledger").AddCheck<State.StreamHealthCheck>("streams");
        services.AddSingleton<CachedHealthReport>();
        services.AddAccessControl(configuration, loginPage: roles.HasFlag(NodeRoles.Dashboard));
        services.AddApiV1(configuration);
        services.AddConfiguredPathChecks(configuration, builder.Environment.ContentRootPath, roles);
        return builder;
    }

    private static CandleArchive? Archive(IServiceProvider services) =>
        services.GetRequiredService<CandleArchive>() is { Enabled: true } archive ? archive : null;

    /// <summary>Maps the dashboard on a node with the Dashboard role; /health and the HTTP API (/api/v1, and the deprecated /api routes) on every node.</summary>
    public static WebApplication UseCryptoStreamLab(this WebApplication app)
    {
        if (app.Configuration.GetNodeRoles().HasFlag(NodeRoles.Dashboard))
        {
            if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseAccessControl();
            app.UseAntiforgery();
            // Public files only (MudBlazor, Plotly, the app's own CSS and scripts): the sign-in page needs them.
            app.MapStaticAssets().AllowAnonymous();
            app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
            app.MapLogin();
        }
        else
        {
            app.UseAccessControl();
            app.MapGet("/", (IOptions<NodeOptions> options) =>
            {
                var node = NodeStatus.Of(options.Value);
                return Results.Text($"CryptoStreamLab node {node.Id} ({node.Roles}) serves no dashboard: see /api/v1/status, /api/v1/cluster " +
                    "and /health here, or open a node with the Dashboard role.");
            });
        }
        app.MapHealth();
        app.MapApiV1();
        return app;
    }
}
