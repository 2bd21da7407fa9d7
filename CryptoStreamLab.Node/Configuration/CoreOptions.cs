using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Configuration;

public static class CoreOptions
{
    /// <summary>Binds and validates the "Strategy" and "Trading" sections.</summary>
    public static IServiceCollection AddEngineOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StrategyOptions>(configuration, StrategyOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<TradingOptions>(configuration, TradingOptions.SectionName, o => o.Validate());
        return services;
    }

    public static EngineSettings EngineSettings(this IServiceProvider services, int bufferCapacity) =>
        new(services.GetRequiredService<IOptions<StrategyOptions>>().Value,
            services.GetRequiredService<IOptions<TradingOptions>>().Value,
            bufferCapacity);
}
