using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Lifecycle;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// The paper ledger (section "Storage", validated at start): the SQLite file under <c>Storage:Path</c> relative to
    /// <paramref name="contentRoot"/>, opened at start and closed last, and its "ledger" health check.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => new LedgerRecorder(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath(contentRoot),
            sp.GetRequiredService<ILogger<LedgerRecorder>>(), sp.GetService<TimeProvider>()));
        services.AddNodePart<LedgerLifetime>(NodeStage.Ledger);
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("ledger");
        return services;
    }
}
