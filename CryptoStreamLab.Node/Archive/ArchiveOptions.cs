using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;

namespace CryptoStreamLab.Node.Archive;

/// <summary>The Parquet candle archive (appsettings section "Archive").</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    private static readonly TimeSpan MaxFlushInterval = TimeSpan.FromDays(1);

    /// <summary>Whether an engine node writes its closed candles to the archive.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The live market's archive folder inside <c>Storage:Path</c>, unless <see cref="Path"/> says otherwise.</summary>
    public const string DefaultFolder = "archive";

    /// <summary>
    /// A replay's archive folder inside <c>Storage:Path</c>, unless <see cref="Path"/> says otherwise: a replay plays old (and,
    /// when it loops, time-shifted) candles, which must neither mix with the live market's history nor hide behind it.
    /// </summary>
    public const string ReplayDefaultFolder = "archive-replay";

    /// <summary>
    /// Root folder of the Hive-partitioned dataset; relative paths are taken from the app's content root. Unset: the folder
    /// <see cref="DefaultFolder"/> (or <see cref="ReplayDefaultFolder"/> for the Replay source) inside <c>Storage:Path</c>, so
    /// two apps with different storage folders never share an archive.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How often newly closed candles are written to files (and on a graceful stop).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Days of candles to keep; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; }

    public IEnumerable<string> Validate()
    {
        if (Path is not null)
        {
            foreach (var problem in StorageOptions.FolderProblems($"{SectionName}:Path", Path)) yield return problem;
        }
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > MaxFlushInterval)
            yield return $"{SectionName}:FlushInterval {FlushInterval} must be more than zero and at most {MaxFlushInterval}.";
        if (RetentionDays < 0) yield return $"{SectionName}:RetentionDays {RetentionDays} must be 0 (keep forever) or a number of days.";
    }

    /// <summary>The dataset's folder for the live market (what the command-line verbs read by default).</summary>
    public string FullPath(string contentRoot, string storagePath) => FullPath(contentRoot, storagePath, MarketDataSourceKind.Binance);

    /// <summary>The dataset's folder for candles from <paramref name="source"/>, with the ledger's folder <paramref name="storagePath"/>.</summary>
    public string FullPath(string contentRoot, string storagePath, MarketDataSourceKind source) =>
        Path is not null
            ? System.IO.Path.GetFullPath(Path, contentRoot)
            : System.IO.Path.Combine(System.IO.Path.GetFullPath(storagePath, contentRoot),
                source == MarketDataSourceKind.Replay ? ReplayDefaultFolder : DefaultFolder);
}
