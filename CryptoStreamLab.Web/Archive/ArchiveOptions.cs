using CryptoStreamLab.Web.Storage;

namespace CryptoStreamLab.Web.Archive;

/// <summary>The Parquet candle archive (appsettings section "Archive").</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    private static readonly TimeSpan MaxFlushInterval = TimeSpan.FromDays(1);

    /// <summary>Whether an engine node writes its closed candles to the archive.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Root folder of the Hive-partitioned dataset; relative paths are taken from the app's content root.</summary>
    public string Path { get; set; } = "data/archive";

    /// <summary>How often newly closed candles are written to files (and on a graceful stop).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Days of candles to keep; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; }

    public IEnumerable<string> Validate()
    {
        foreach (var problem in StorageOptions.FolderProblems($"{SectionName}:Path", Path)) yield return problem;
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > MaxFlushInterval)
            yield return $"{SectionName}:FlushInterval {FlushInterval} must be more than zero and at most {MaxFlushInterval}.";
        if (RetentionDays < 0) yield return $"{SectionName}:RetentionDays {RetentionDays} must be 0 (keep forever) or a number of days.";
    }

    public string FullPath(string contentRoot) => System.IO.Path.GetFullPath(Path, contentRoot);
}
