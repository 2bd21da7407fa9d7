using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Lifecycle;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Archive;

public static class ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// The candle archive: written only on a node whose engine runs streams. A part of stage
    /// <see cref="NodeStage.Archive"/>: it stops after the sources and consumers, so its last flush holds every candle they delivered.
    /// </summary>
    public static IServiceCollection AddCandleArchive(this IServiceCollection services, IConfiguration configuration, string contentRoot, NodeRoles roles)
    {
        services.AddValidatedOptions<ArchiveOptions>(configuration, ArchiveOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            var source = sp.GetRequiredService<IOptions<MarketDataOptions>>().Value.Source;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new CandleArchive(options.FullPath(contentRoot, storage.Path, source), options.Enabled && roles.HasFlag(NodeRoles.Engine),
                sp.GetRequiredService<ILogger<CandleArchive>>(), sp.GetService<TimeProvider>());
        });
        services.AddSingleton<IArchiveHorizon>(sp => sp.GetRequiredService<CandleArchive>());
        services.AddNodePart<ArchiveFlushService>(NodeStage.Archive);
        services.AddArchiveMaintenance();
        services.AddHealthChecks().AddCheck<ArchiveHealthCheck>("archive");
        return services;
    }
}
