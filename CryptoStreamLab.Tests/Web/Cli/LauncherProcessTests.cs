using System.Diagnostics;
using System.Text.Json;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>
/// The <c>csl</c> launcher at the repository root, run as a person types it: it builds the app if a source changed, runs
/// it with the caller's folder, and its standard output is the verb's alone. Alone, since it may build the app.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class LauncherProcessTests
{
    /// <summary>Generous: the first call after a change builds the app.</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task At_the_repository_root_a_backtest_of_a_relative_path_prints_only_its_json()
    {
        var (code, output, error) = await RunAsync(RepositoryPaths.Root,
            "backtest", "--input", "CryptoStreamLab.Web/SampleData/LTCUSDT-1m-2026-02.csv.gz", "--format", "json");

        code.Should().Be(0, error);
        using var report = JsonDocument.Parse(output); // anything but the JSON on standard output fails here
        report.RootElement.GetProperty("symbol").GetString().Should().Be("LTCUSDT");
        report.RootElement.GetProperty("candles").GetInt32().Should().Be(40_320);
        error.Should().BeEmpty("standard error is not a terminal here, so no progress either");
    }

    [Fact]
    public async Task An_unknown_command_exits_2_with_the_verb_list_on_standard_error()
    {
        var (code, output, error) = await RunAsync(Path.GetTempPath(), "bogus");

        code.Should().Be(2, error);
        output.Should().BeEmpty();
        error.Should().StartWith("unknown command 'bogus'").And.Contain("backtest").And.Contain("export");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "csl"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The test runner's own build settings would steer the launcher's build; a person's shell has none of them.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./csl {string.Join(' ', arguments)} was still running after {ExitTimeout}:\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
