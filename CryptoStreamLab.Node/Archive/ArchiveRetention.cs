namespace CryptoStreamLab.Node.Archive;

/// <summary>What one retention pass did.</summary>
public sealed record RetentionPass(int DaysDeleted, IReadOnlyList<string> Errors);

/// <summary>
/// Applies <see cref="ArchiveOptions.RetentionDays"/>: keeps today (UTC) and the N days before it, and deletes every older
/// day folder of every stream, whole; stream and symbol folders left empty go too. 0 keeps every day.
/// </summary>
public static class ArchiveRetention
{
    /// <summary>The oldest day kept, or null when every day is kept.</summary>
    public static DateOnly? OldestKeptDay(int retentionDays, DateOnly today) => retentionDays > 0 ? today.AddDays(-retentionDays) : null;

    public static RetentionPass Apply(string root, int retentionDays, DateOnly today, ILogger logger)
    {
        if (OldestKeptDay(retentionDays, today) is not { } oldest) return new RetentionPass(0, []);
        var deleted = 0;
        var errors = new List<string>();
        foreach (var (key, streamFolder) in ArchiveLayout.Streams(root).ToList())
        {
            var streamDeleted = 0;
            foreach (var (day, folder) in ArchiveLayout.Days(streamFolder))
            {
                if (day >= oldest) break;
                try
                {
                    Directory.Delete(folder, recursive: true);
                    streamDeleted++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{folder}: {e.Message}");
                    logger.LogWarning("The archive folder {Folder}, older than the {Days} days kept, could not be deleted: {Reason}", folder, retentionDays, e.Message);
                }
            }
            if (streamDeleted == 0) continue;
            deleted += streamDeleted;
            logger.LogInformation("Deleted {Count} days of {Stream} before {Oldest} from the archive ({Days} days kept).", streamDeleted, key, oldest, retentionDays);
            if (DeleteIfEmpty(streamFolder)) DeleteIfEmpty(Path.GetDirectoryName(streamFolder)!);
        }
        return new RetentionPass(deleted, errors);
    }

    // Only an empty folder is removed (rmdir fails on anything else), so a file the writer has just put there stays.
    private static bool DeleteIfEmpty(string folder)
    {
        try
        {
            if (Directory.EnumerateFileSystemEntries(folder).Any()) return false;
            Directory.Delete(folder, recursive: false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
