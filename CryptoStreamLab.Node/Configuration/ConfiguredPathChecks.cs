using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;

namespace CryptoStreamLab.Node.Configuration;

/// <summary>
/// The files and folders the configuration names, checked at start with every other configuration problem (exit 2 before the
/// app listens), instead of a degraded app: the ledger's folder (<c>Storage:Path</c>) writable and its database sound, the
/// archive's folder (<c>Archive:Path</c>) a writable folder on a node that writes it, and every replay file found.
/// </summary>
public static class ConfiguredPathChecks
{
    public static IServiceCollection AddConfiguredPathChecks(this IServiceCollection services, IConfiguration configuration, string contentRoot,
        NodeRoles roles)
    {
        services.AddStartupCheck<StorageOptions>(o => Storage(o, contentRoot, configuration));
        if (roles.HasFlag(NodeRoles.Engine)) services.AddStartupCheck<ArchiveOptions>(o => Archive(o, contentRoot, configuration));
        if (roles.HasFlag(NodeRoles.Ingest)) services.AddStartupCheck<MarketDataOptions>(o => ReplayFiles(o, contentRoot));
        return services;
    }

    private static IEnumerable<string> Storage(StorageOptions options, string contentRoot, IConfiguration configuration)
    {
        if (options.Validate().Any()) return []; // Reported by the options' own validation.
        var database = options.DatabasePath(contentRoot, Source(configuration));
        var folder = Path.GetDirectoryName(database)!;
        var problems = ConfiguredPaths.WritableFolderProblems($"{StorageOptions.SectionName}:Path", options.Path, folder).ToList();
        if (problems.Count == 0 && LedgerFileCheck.Problem(database) is { } ledger)
            problems.Add($"{StorageOptions.SectionName}:Path/{nameof(StorageOptions.FileName)}: {ledger}");
        return problems;
    }

    private static IEnumerable<string> Archive(ArchiveOptions options, string contentRoot, IConfiguration configuration)
    {
        if (!options.Enabled || options.Validate().Any()) return [];
        // The default folder depends on the source (a replay archives apart) and lies inside the ledger's folder; a bad source
        // or storage path is reported by its own validation.
        var storage = new StorageOptions();
        SectionBinder.Bind(configuration.GetSection(StorageOptions.SectionName), storage, new List<string>());
        if (storage.Validate().Any()) return [];
        var folder = options.FullPath(contentRoot, storage.Path, Source(configuration));
        return ConfiguredPaths.WritableFolderProblems($"{ArchiveOptions.SectionName}:Path", options.Path ?? Path.GetRelativePath(contentRoot, folder), folder);
    }

    /// <summary>The configured source, which the ledger's and the archive's default places depend on (a replay keeps apart).</summary>
    private static MarketDataSourceKind Source(IConfiguration configuration)
    {
        var marketData = new MarketDataOptions();
        SectionBinder.Bind(configuration.GetSection(MarketDataOptions.SectionName), marketData, new List<string>());
        return marketData.Source;
    }

    private static IEnumerable<string> ReplayFiles(MarketDataOptions options, string contentRoot)
    {
        if (options.Source != MarketDataSourceKind.Replay) yield break;
        var files = options.Replay.EffectiveFiles;
        for (var i = 0; i < files.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(files[i]) || ReplayFile.Resolve(files[i], contentRoot) is not null) continue;
            var key = options.Replay.Files.Count > 0 ? $"{MarketDataOptions.SectionName}:Replay:Files:{i}" : $"{MarketDataOptions.SectionName}:Replay:Files (the shipped sample)";
            yield return $"{key} '{files[i]}' is not a file (looked in {string.Join(", ", ReplayFile.Candidates(files[i], contentRoot))}).";
        }
    }
}
