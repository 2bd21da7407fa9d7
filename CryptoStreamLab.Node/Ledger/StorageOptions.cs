using CryptoStreamLab.Node.Ingest;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>Where the paper-trading ledger lives (appsettings section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The live market's ledger file inside <see cref="Path"/>, unless <see cref="FileName"/> says otherwise.</summary>
    public const string DefaultFileName = "ledger.db";

    /// <summary>
    /// A replay's ledger file inside <see cref="Path"/>, unless <see cref="FileName"/> says otherwise: a replay's accounts trade
    /// old candles, which must neither carry on the live market's accounts nor be carried on by them (the same stream ids).
    /// </summary>
    public const string ReplayDefaultFileName = "ledger-replay.db";

    /// <summary>Folder of the ledger database; relative paths are taken from the app's content root.</summary>
    public string Path { get; set; } = "data";

    /// <summary>
    /// Ledger file name inside <see cref="Path"/>. Unset: <see cref="DefaultFileName"/>, or <see cref="ReplayDefaultFileName"/> for
    /// the Replay source.
    /// </summary>
    public string? FileName { get; set; }

    public IEnumerable<string> Validate()
    {
        foreach (var problem in FolderProblems($"{SectionName}:Path", Path)) yield return problem;
        if (FileName is not null && (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0))
            yield return $"{SectionName}:FileName '{FileName}' is not a file name.";
    }

    /// <summary>What is wrong with a configured folder <paramref name="key"/>, if anything.</summary>
    internal static IEnumerable<string> FolderProblems(string key, string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) yield return $"{key} must name a folder.";
        else if (folder.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0) yield return $"{key} '{folder}' has characters a path cannot hold.";
    }

    /// <summary>The ledger file of an app whose candles come from <paramref name="source"/>.</summary>
    public string DatabasePath(string contentRoot, MarketDataSourceKind source) =>
        System.IO.Path.Combine(System.IO.Path.GetFullPath(Path, contentRoot),
            FileName ?? (source == MarketDataSourceKind.Replay ? ReplayDefaultFileName : DefaultFileName));
}
