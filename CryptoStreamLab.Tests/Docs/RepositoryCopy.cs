using System.Diagnostics;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Docs;

/// <summary>
/// A fresh copy of the repository, as a reader would have after cloning it: the files git tracks and the ones it does not
/// ignore, committed in a repository of its own, with a home folder of its own (so `dotnet user-secrets` and the like do
/// not touch the real one; the package cache is shared, so nothing is downloaded again). Between docs the copy is
/// cleaned back to that commit, keeping only build output, so one doc's data does not reach the next.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private readonly TempFolder _folder = new("csl-docs-");
    private readonly string _nugetConfig;

    public RepositoryCopy()
    {
        Root = Path.Combine(_folder.Path, "CryptoStreamLab");
        Home = Path.Combine(_folder.Path, "home");
        var userHome = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        _nugetConfig = Path.Combine(userHome, ".nuget", "NuGet", "NuGet.Config");
        Packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(userHome, ".nuget", "packages");
        NewHome();

        var files = Git(RepositoryPaths.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var source = Path.Combine(RepositoryPaths.Root, file);
            if (!File.Exists(source)) continue; // deleted in the working tree
            var target = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        }
        Git(Root, "init", "-q");
        Git(Root, "add", "-A");
        Git(Root, "-c", "user.name=docs", "-c", "user.email=docs@localhost", "commit", "-qm", "copy");
    }

    public string Root { get; }

    public string Home { get; }

    public string Packages { get; }

    /// <summary>Back to the copied files and an empty home: whatever a doc created goes (user secrets too), build output stays.</summary>
    public void Reset()
    {
        NewHome();
        Git(Root, "checkout", "-q", "--", ".");
        Git(Root, "clean", "-qfdx", "-e", "bin/", "-e", "obj/");
    }

    public void Dispose() => _folder.Dispose();

    private void NewHome()
    {
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
        Directory.CreateDirectory(Home);
        if (!File.Exists(_nugetConfig)) return;
        Directory.CreateDirectory(Path.Combine(Home, ".nuget", "NuGet"));
        File.Copy(_nugetConfig, Path.Combine(Home, ".nuget", "NuGet", "NuGet.Config"));
    }

    private static string Git(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = git.StandardError.ReadToEndAsync();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {folder}: {error.Result}");
        return output.Result;
    }
}
