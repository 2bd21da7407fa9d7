using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// The paper ledger (section "Storage", validated at start): the SQLite file under <c>Storage:Path</c> relative to
    /// <paramref name="contentRoot"/> (a replay's apart from the live market's), opened at start and closed last, its
    /// "ledger" health check, and the accounts' history read from it (unless another <see cref="IAccountHistory"/> is registered).
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => new LedgerRecorder(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath(contentRoot,
                sp.GetRequiredService<IOptions<MarketDataOptions>>().Value.Source),
            sp.GetRequiredService<ILogger<LedgerRecorder>>(), sp.GetService<TimeProvider>(), metrics: sp.GetService<PipelineMetrics>()));
        services.TryAddSingleton<IAccountHistory>(sp => new SqliteAccountHistory(sp.GetRequiredService<LedgerRecorder>().DatabasePath));
        services.AddNodePart<LedgerLifetime>(NodeStage.Ledger);
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("ledger");
        return services;
    }
}
