using CryptoStreamLab.Web.MarketData.Binance;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.MarketData;

public static class MarketDataServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "MarketData" section (at start, listing every problem), and registers the
    /// sources, the <see cref="MarketDataStatus"/> singleton, the "market-data" health check and the hosted
    /// service running the configured source. An <see cref="IKlinePublisher"/> must be registered elsewhere.
    /// </summary>
    public static IServiceCollection AddMarketData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketDataOptions>()
            .Bind(configuration.GetSection(MarketDataOptions.SectionName))
            .PostConfigure(o =>
            {
                if (o.Symbols.Count == 0) o.Symbols.AddRange(MarketDataOptions.DefaultSymbols);
                if (o.Intervals.Count == 0) o.Intervals.AddRange(MarketDataOptions.DefaultIntervals);
                if (o.Replay.Files.Count == 0) o.Replay.Files.AddRange(ReplaySourceOptions.DefaultFiles);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketDataOptions>, MarketDataOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MarketDataStatus>();
        services.TryAddSingleton<IKlineFileReader, KlineCsvFileReader>();

        // No resilience handler: the source owns retries (backoff, Retry-After), so a second layer would multiply them.
        services.AddHttpClient(BinanceRestClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<BinanceRestClient>();
        services.AddSingleton<IMarketDataSource, BinanceMarketDataSource>();
        services.AddSingleton<IMarketDataSource, ReplayMarketDataSource>();
        services.AddSingleton<IMarketDataSource, SyntheticMarketDataSource>();
        services.AddHostedService<MarketDataService>();

        services.AddHealthChecks().AddCheck<MarketDataHealthCheck>("market-data", tags: ["market-data"]);
        return services;
    }
}
