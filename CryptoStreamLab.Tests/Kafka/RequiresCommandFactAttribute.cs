namespace CryptoStreamLab.Tests.Kafka;

/// <summary>A fact that is reported as skipped, naming the package to install, when a command is not on the PATH.</summary>
public sealed class RequiresCommandFactAttribute : FactAttribute
{
    public RequiresCommandFactAttribute(string command, string debianPackage)
    {
        if (!IsOnPath(command)) Skip = $"{command} not installed (Debian package {debianPackage})";
    }

    public static bool IsOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command } : [command];
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => names.Any(name => File.Exists(Path.Combine(directory, name))));
    }
}
