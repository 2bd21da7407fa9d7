namespace CryptoStreamLab.Node.Archive;

/// <summary>The archive's health, for /api/status and /health. Holds no secrets.</summary>
/// <param name="SkippedFiles">Files reading skipped because they are not readable candle files.</param>
/// <param name="Maintenance">Compaction and retention on this node, when it runs them.</param>
public sealed record ArchiveStatus(
    string Path, bool Enabled, bool Writable, long CandlesWritten, long Files, int Pending, long Dropped, DateTimeOffset? LastFlush, string? LastError,
    IReadOnlyCollection<ArchiveProblem> SkippedFiles, ArchiveMaintenanceStatus? Maintenance = null);
