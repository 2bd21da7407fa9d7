using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Web.Cli;

/// <summary>The configuration a command-line verb runs with, read the way the web host reads it.</summary>
public static class CommandConfiguration
{
    /// <summary>appsettings.json beside the app, then environment variables, then the command line's overrides.</summary>
    public static IConfiguration Build(IReadOnlyList<string> overrides) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides.ToArray())
            .Build();

    /// <summary>The folder settings a verb reads (the archive's), which a command line may name by a relative path.</summary>
    private static readonly string[] PathKeys =
        [$"{ArchiveOptions.SectionName}:{nameof(ArchiveOptions.Path)}", $"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)}",
         $"{StrategyLineupBinder.SectionName}:{nameof(StrategiesOptions.Path)}"];

    /// <summary>
    /// The command line's overrides with a relative <c>Archive:Path</c> or <c>Storage:Path</c> taken from
    /// <paramref name="callerDirectory"/>, as the verb's other paths are; the same settings from appsettings.json or the
    /// environment stay relative to the app's folder, where the dashboard keeps its data.
    /// </summary>
    public static IReadOnlyList<string> Rebase(IReadOnlyList<string> overrides, string callerDirectory) =>
        overrides.Select(o =>
        {
            var equals = o.IndexOf('=');
            if (equals < 0 || !o.StartsWith("--", StringComparison.Ordinal)) return o;
            var (key, value) = (o[2..equals], o[(equals + 1)..]);
            return PathKeys.Contains(key, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value) && !Path.IsPathRooted(value)
                ? $"--{key}={Path.GetFullPath(value, callerDirectory)}"
                : o;
        }).ToList();

    /// <summary>
    /// The archive's root folder: <c>Archive:Path</c> (default: <c>archive</c> inside <c>Storage:Path</c>, so <c>data/archive</c>),
    /// a relative path taken from the current directory, as the web host takes it from its content root (a command line's own
    /// relative paths were already taken from the caller's folder by <see cref="Rebase"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The configured path is not a usable folder name.</exception>
    public static string ArchiveRoot(IConfiguration configuration)
    {
        var options = new ArchiveOptions();
        var key = $"{ArchiveOptions.SectionName}:{nameof(ArchiveOptions.Path)}";
        if (configuration.GetSection(key).Exists()) options.Path = configuration[key] ?? "";
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        var storage = new StorageOptions();
        var storageKey = $"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)}";
        if (configuration.GetSection(storageKey).Exists()) storage.Path = configuration[storageKey] ?? "";
        problems = storage.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        return options.FullPath(Directory.GetCurrentDirectory(), storage.Path);
    }

    /// <summary>
    /// The strategies a verb can run: the built-ins and the classes compiled from the strategies folder (<c>Strategies:Path</c>,
    /// default <c>strategies</c> beside <c>Storage:Path</c>); compile errors go to <paramref name="problems"/>.
    /// </summary>
    public static StrategyCatalog StrategyCatalog(IConfiguration configuration, ICollection<string> problems)
    {
        var options = new StrategiesOptions { Path = configuration[$"{StrategyLineupBinder.SectionName}:{nameof(StrategiesOptions.Path)}"] };
        var storage = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)}"] ?? new StorageOptions().Path;
        return StrategyFiles.Catalog(options.FullPath(Directory.GetCurrentDirectory(), storage), problems);
    }
}
