namespace CryptoStreamLab.Node.Configuration;

/// <summary>
/// Best-effort removal of what a write leaves behind (a temporary or unfinished file): a path that is already gone, whose
/// folder is gone, or that cannot be removed right now is not an error — the write's own failure is what matters, and the
/// archive's next pass tries again.
/// </summary>
public static class FileCleanup
{
    /// <summary>Deletes the file at <paramref name="path"/> if it can; never throws for a missing or locked file.</summary>
    public static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never created, already gone, or in use: nothing to clean up now.
        }
    }
}
