using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest.Binance;
using CryptoStreamLab.Node.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest;

public static class MarketDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the market-data sources, the <see cref="MarketDataStatus"/> singleton, the "market-data" health
    /// check and the hosted service running the configured source; binds and validates the "MarketData"
    /// section at start unless the host has already done so. An <see cref="IKlinePublisher"/> must be
    /// registered elsewhere (the Kafka producer). Without <see cref="NodeRoles.Ingest"/> in <paramref name="roles"/> no source
    /// runs: only the options and the status (which says so) are registered.
    /// </summary>
    public static IServiceCollection AddMarketData(this IServiceCollection services, IConfiguration configuration,
        NodeRoles roles = NodeRoles.All)
    {
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<MarketDataOptions>)))
            services.AddValidatedOptions<MarketDataOptions>(configuration, MarketDataOptions.SectionName, o => o.Validate());

        services.TryAddSingleton(TimeProvider.System);
        if (!roles.HasFlag(NodeRoles.Ingest))
        {
            services.TryAddSingleton(sp => NoSource(sp.GetRequiredService<TimeProvider>()));
            return services;
        }

        services.TryAddSingleton<MarketDataStatus>();
        services.TryAddSingleton<IArchiveHorizon, NoArchiveHorizon>();
        services.TryAddSingleton<IKlineFileReader, KlineCsvFileReader>();

        // No resilience handler: the source owns retries (backoff, Retry-After), so a second layer would multiply them.
        services.AddHttpClient(BinanceRestClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<BinanceRestClient>();
        services.AddSingleton<IMarketDataSource, BinanceMarketDataSource>();
        services.AddSingleton<IMarketDataSource, ReplayMarketDataSource>();
        services.AddSingleton<IMarketDataSource, SyntheticMarketDataSource>();
        services.AddNodePart<MarketDataService>(NodeStage.Ingest);

        services.AddHealthChecks().AddCheck<MarketDataHealthCheck>("market-data", tags: ["market-data"]);
        return services;
    }

    private static MarketDataStatus NoSource(TimeProvider clock)
    {
        var status = new MarketDataStatus(clock);
        status.SetState("off: this node has no Ingest role");
        return status;
    }
}
