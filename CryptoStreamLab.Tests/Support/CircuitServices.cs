using CryptoStreamLab.Web.Components.Backtesting;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Support;

/// <summary>What the dashboard's components need beside their data in a bUnit context: the check before an action, and the run queue.</summary>
public static class CircuitServices
{
    public static IServiceCollection AddCircuitServices(this IServiceCollection services, HeavyRunQueue? queue = null)
    {
        services.AddScoped<CircuitAccess>();
        services.AddSingleton(queue ?? new HeavyRunQueue());
        services.AddScoped<CircuitRunSlot>();
        return services;
    }
}
