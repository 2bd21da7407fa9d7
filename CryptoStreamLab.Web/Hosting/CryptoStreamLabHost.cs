using CryptoStreamLab.Node;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Http;
using CryptoStreamLab.Web.Security;
using CryptoStreamLab.Web.Telemetry;
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
        var roles = services.AddCryptoStreamLabNode(configuration, builder.Environment.ContentRootPath);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddDashboard(configuration);
        services.AddSingleton<CachedHealthReport>();
        services.AddAccessControl(configuration, loginPage: roles.HasFlag(NodeRoles.Dashboard));
        services.AddApiV1(configuration);
        services.AddTelemetry(configuration);
        return builder;
    }

    /// <summary>Maps the dashboard on a node with the Dashboard role; /health, the HTTP API (/api/v1, and the deprecated /api routes) and /metrics on every node.</summary>
    public static WebApplication UseCryptoStreamLab(this WebApplication app)
    {
        if (app.Configuration.GetNodeRoles().HasFlag(NodeRoles.Dashboard))
        {
            if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseAccessControl();
            app.UseAntiforgery();
            // Public files only (MudBlazor, Lightweight Charts, the app's own CSS and scripts): the sign-in page needs them.
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
        app.MapMetrics();
        return app;
    }
}
