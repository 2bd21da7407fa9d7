using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Components.Dashboard;

namespace CryptoStreamLab.Web.Components;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Dashboard" section and registers the per-circuit render throttle, the queue for the
    /// Backtest page's heavy runs and the check a component makes before it acts.
    /// The dashboard reads <see cref="State.IPipelineStatusProvider"/> when one is registered and says
    /// "status unavailable" otherwise, so nothing is registered for it here.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DashboardOptions>(configuration, DashboardOptions.SectionName, o => o.Validate());
        services.AddScoped<RenderThrottle>();
        services.AddSingleton<Backtesting.HeavyRunQueue>();
        services.AddScoped<Backtesting.CircuitRunSlot>();
        services.AddScoped<Security.CircuitAccess>();
        return services;
    }
}
