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

    /// <summary>Where the live market's candles are archived unless <see cref="Path"/> says otherwise.</summary>
    public const string DefaultPath = "data/archive";

    /// <summary>
    /// Where a replay's candles are archived unless <see cref="Path"/> says otherwise: a replay plays old (and, when it
    /// loops, time-shifted) candles, which must neither mix with the live market's history nor hide behind it.
    /// </summary>
    public const string ReplayDefaultPath = "data/archive-replay";

    /// <summary>
    /// Root folder of the Hive-partitioned dataset; relative paths are taken from the app's content root. Unset:
    /// <see cref="DefaultPath"/>, or <see cref="ReplayDefaultPath"/> for the Replay source.
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
    public string FullPath(string contentRoot) => FullPath(contentRoot, MarketDataSourceKind.Binance);

    /// <summary>The dataset's folder for candles from <paramref name="source"/>.</summary>
    public string FullPath(string contentRoot, MarketDataSourceKind source) =>
        System.IO.Path.GetFullPath(Path ?? (source == MarketDataSourceKind.Replay ? ReplayDefaultPath : DefaultPath), contentRoot);
}
