using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// The real app as a child process (the Web project's own build output, content root at the project folder), so a test
/// can kill it the way an operating system or an operator would. Dispose kills whatever is still running.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the app wrote so far (standard output and error interleaved), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>What the app wrote so far to standard error alone.</summary>
    public string Error
    {
        get { lock (_output) return _error.ToString(); }
    }

    /// <param name="settings">Configuration given as --Key=value arguments; --urls is added.</param>
    public static AppProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        return Start(["--urls", $"http://127.0.0.1:{port}", .. settings.Select(s => $"--{s.Key}={s.Value}")], port);
    }

    /// <summary>The app with exactly these arguments (a verb such as <c>backtest</c> and its options); no port is given.</summary>
    public static AppProcess Run(params string[] arguments) => Start(arguments, port: 0);

    private static AppProcess Start(IEnumerable<string> arguments, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.WebAssembly);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = info };
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for the app to exit by itself and returns its exit code; fails with its output if it does not.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token); // also waits for the output to be read to its end
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app was still running after {timeout.TotalSeconds} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>GET /api/status, or null while the app is not answering yet.</summary>
    public async Task<JsonElement?> StatusAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/api/status");
            if (!response.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls /api/status until <paramref name="done"/> holds for it; fails with the app's output otherwise.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonElement? last = null;
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited ({_process.ExitCode}) while waiting for {what}:\n{Output}");
            if (await StatusAsync() is { } status)
            {
                last = status;
                if (done(status)) return status;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}; last status {last}\n{Output}");
    }

    /// <summary>Process.Kill on Linux is SIGKILL: no shutdown hook, no flush, no finally block runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) KillHard();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
        Http.Dispose();
    }

    private void Append(string? line, bool error)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (error) _error.AppendLine(line);
        }
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768 and up on Linux): a port the kernel hands out for any outgoing
    /// connection or any other listener on port 0 (a broker, a browser) could be taken between this check and the app's bind.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try another.
            }
        }
        using var fallback = new TcpListener(IPAddress.Loopback, 0);
        fallback.Start();
        return ((IPEndPoint)fallback.LocalEndpoint).Port;
    }
}

/// <summary>Where the repository's projects are, found from the test assembly's bin/&lt;Configuration&gt;/net10.0 folder.</summary>
public static class RepositoryPaths
{
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    public static string Root { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));

    public static string WebProject => Path.Combine(Root, "CryptoStreamLab.Web");

    /// <summary>The Web project's build in the same configuration as the tests (it is a project reference, so it is built first).</summary>
    public static string WebAssembly =>
        Path.Combine(WebProject, "bin", TestOutput.Parent!.Name, TestOutput.Name, "CryptoStreamLab.Web.dll");
}
