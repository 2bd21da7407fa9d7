using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;

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

    /// <summary>
    /// The archive's root folder: <c>Archive:Path</c> (default: <c>archive</c> inside <c>Storage:Path</c>, so <c>data/archive</c>),
    /// a relative path taken from the current directory, as the web host takes it from its content root.
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
}
