namespace CryptoStreamLab.Node.Configuration;

/// <summary>
/// Whether a configured folder can be used as the app will use it: a folder (not a file) that exists or can be created, and in
/// which a file can be written. Problems name the configuration key and the full path.
/// </summary>
public static class ConfiguredPaths
{
    /// <summary>
    /// Problems of <paramref name="folder"/> (a full path) configured as <paramref name="key"/> = <paramref name="configured"/>;
    /// a missing folder is created, as the app would create it.
    /// </summary>
    public static IEnumerable<string> WritableFolderProblems(string key, string configured, string folder)
    {
        var named = configured == folder ? $"{key} '{configured}'" : $"{key} '{configured}' ({folder})";
        if (File.Exists(folder)) return [$"{named} is a file; it must name a folder."];
        if (FileAncestor(folder) is { } file) return [$"{named} cannot be created: {file} is a file."];
        try
        {
            Directory.CreateDirectory(folder);
            // Permissions, a read-only mount or a full quota are only known by trying.
            using var probe = new FileStream(Path.Combine(folder, $".write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose);
            probe.WriteByte(0);
            probe.Flush(flushToDisk: false);
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [$"{named} cannot be written: {e.Message}"];
        }
    }

    /// <summary>The nearest existing ancestor of <paramref name="folder"/> when it is a file (so the folder cannot be created).</summary>
    private static string? FileAncestor(string folder)
    {
        for (var parent = Path.GetDirectoryName(folder); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent)) return null;
            if (File.Exists(parent)) return parent;
        }

        return null;
    }
}
