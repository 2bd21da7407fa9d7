namespace CryptoStreamLab.Node.Ledger;

/// <summary>Where the paper-trading ledger lives (appsettings section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder of the ledger database; relative paths are taken from the app's content root.</summary>
    public string Path { get; set; } = "data";

    /// <summary>Ledger file name inside <see cref="Path"/>.</summary>
    public string FileName { get; set; } = "ledger.db";

    public IEnumerable<string> Validate()
    {
        foreach (var problem in FolderProblems($"{SectionName}:Path", Path)) yield return problem;
        if (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            yield return $"{SectionName}:FileName '{FileName}' is not a file name.";
    }

    /// <summary>What is wrong with a configured folder <paramref name="key"/>, if anything.</summary>
    internal static IEnumerable<string> FolderProblems(string key, string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) yield return $"{key} must name a folder.";
        else if (folder.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0) yield return $"{key} '{folder}' has characters a path cannot hold.";
    }

    public string DatabasePath(string contentRoot) =>
        System.IO.Path.Combine(System.IO.Path.GetFullPath(Path, contentRoot), FileName);
}
