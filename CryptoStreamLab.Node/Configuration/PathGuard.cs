namespace CryptoStreamLab.Node.Configuration;

/// <summary>
/// Paths built from data (a symbol in an archive folder name, a stream id in a file name) must stay inside the folder
/// they were meant for: a name such as <c>../../x</c> or one with a NUL must never reach the file system elsewhere.
/// </summary>
public static class PathGuard
{
    /// <summary><paramref name="relative"/> under <paramref name="root"/>, as a full path; null when it would leave the root or is not a valid path.</summary>
    public static string? Within(string root, string relative)
    {
        try
        {
            if (relative.Contains('\0') || Path.IsPathRooted(relative)) return null;
            var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
            var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
            return IsInside(fullRoot, full) ? full : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>As <see cref="Within"/>, throwing when the path would leave the root.</summary>
    /// <exception cref="InvalidDataException">The path is not inside <paramref name="root"/>.</exception>
    public static string Require(string root, string relative) =>
        Within(root, relative) ?? throw new InvalidDataException($"'{Core.Market.SymbolRules.Printable(relative)}' would lie outside {root}; refused.");

    private static bool IsInside(string fullRoot, string full)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.Length > fullRoot.Length && full.StartsWith(fullRoot, comparison) &&
               (full[fullRoot.Length] == Path.DirectorySeparatorChar || full[fullRoot.Length] == Path.AltDirectorySeparatorChar ||
                fullRoot.EndsWith(Path.DirectorySeparatorChar));
    }
}
