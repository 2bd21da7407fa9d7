using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.MarketData;
using CryptoStreamLab.Web.State;
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

        services.AddEngineOptions(configuration);
        services.AddValidatedOptions<MarketDataOptions>(configuration, MarketDataOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp =>
        {
            var marketData = sp.GetRequiredService<IOptions<MarketDataOptions>>().Value;
            return new MarketState(marketData.Streams(), sp.EngineSettings(marketData.BufferCapacity), sp.GetService<TimeProvider>());
        });

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddDashboard(configuration);
        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseCryptoStreamLab(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHealthChecks("/health");
        return app;
    }
}
