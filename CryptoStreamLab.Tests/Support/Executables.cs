namespace CryptoStreamLab.Tests.Support;

/// <summary>Finds a command the way the shell's <c>command -v</c> does: the first executable file of that name in a PATH directory.</summary>
public static class Executables
{
    /// <param name="path">A PATH value to search; the process's PATH when null.</param>
    /// <returns>The executable's path (its PATH directory joined with its name), or null when no PATH directory has one.</returns>
    public static string? Find(string command, string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command } : [command];
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(IsExecutable);
    }

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & AnyExecute) != 0);
}
