using System.Diagnostics;
using System.Runtime.Versioning;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>The browser tests find Chromium exactly where .ci/run's <c>command -v</c> does, and skip only where it finds none.</summary>
[UnsupportedOSPlatform("windows")] // asks /bin/sh
public sealed class ChromiumFactAttributeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("path-lookup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_browser_missing_from_the_path_skips_naming_the_debian_package()
    {
        var path = Folder("empty");

        var reason = RequiresCommandFactAttribute.SkipReason("chromium", "chromium", Executables.Find("chromium", path));

        CommandV("chromium", path).Should().BeNull();
        reason.Should().Be("chromium is not on the PATH: install the Debian package 'chromium' (apt-get install -y chromium) to run this test.");
    }

    [Fact]
    public void The_lookup_takes_the_first_executable_on_the_path_as_command_v_does()
    {
        var directory = Folder("directory");
        Directory.CreateDirectory(Path.Combine(directory, "chromium"));
        var notExecutable = Folder("not-executable");
        File.WriteAllText(Path.Combine(notExecutable, "chromium"), "");
        var (first, second) = (Folder("first"), Folder("second"));
        var path = string.Join(Path.PathSeparator, directory, notExecutable, Program(first), Program(second));

        var found = Path.Combine(first, "chromium");
        Executables.Find("chromium", path).Should().Be(found).And.Be(CommandV("chromium", path));
        RequiresCommandFactAttribute.SkipReason("chromium", "chromium", found).Should().BeNull();
    }

    [Fact]
    public void The_attribute_runs_browser_tests_exactly_when_the_shell_finds_chromium()
    {
        var found = CommandV(ChromiumFactAttribute.Command, Environment.GetEnvironmentVariable("PATH"));

        ChromiumFactAttribute.ExecutablePath.Should().Be(found);
        new ChromiumFactAttribute().Skip.Should().Be(found is null ? ChromiumFactAttribute.MissingReason : null);
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;

    /// <summary>Puts an executable "chromium" into <paramref name="folder"/>; returns the folder.</summary>
    private static string Program(string folder)
    {
        var file = Path.Combine(folder, "chromium");
        File.WriteAllText(file, "#!/bin/sh\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    /// <summary>What <c>command -v</c> prints for <paramref name="command"/> under this PATH, or null when it finds nothing.</summary>
    private static string? CommandV(string command, string? path)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("command -v \"$1\"");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(command);
        start.Environment["PATH"] = path ?? "";
        using var shell = Process.Start(start)!;
        var output = shell.StandardOutput.ReadToEnd().Trim();
        shell.WaitForExit();
        return shell.ExitCode == 0 ? output : null;
    }
}
