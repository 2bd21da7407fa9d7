using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// The real app as a child process (<c>dotnet CryptoStreamLab.Web.dll</c> from the Web project's Release build, content
/// root at the project folder), configured with --Key=value arguments, polled over GET /api/status. Dispose kills it.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private NodeProcess(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Name { get; private init; } = "";

    /// <summary>User plus system CPU time the process has used so far (read from /proc).</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The cluster key of this run's nodes: random per run, the same for each.</summary>
    internal static readonly string SharedKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <param name="webDll">Another build of the app to run (e.g. the main branch's, for a side-by-side run); null: this checkout's.</param>
    public static NodeProcess Start(string name, IReadOnlyDictionary<string, string> settings, string? webDll = null)
    {
        var port = FreePort();
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        var web = webDll is null ? Path.Combine(root, "CryptoStreamLab.Web") : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(webDll)!, "..", "..", ".."));
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(webDll is null ? Path.Combine(web, "bin", "Release", "net10.0", "CryptoStreamLab.Web.dll") : Path.GetFullPath(webDll));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        // Every node of one run signs and checks the internal topics with the same key.
        info.ArgumentList.Add($"--Cluster:SharedKey={SharedKey}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info };
        // Read and drop the output, so a full pipe never blocks the app; warnings are rare at the Warning level.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"[{name}] {line}"); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process, port) { Name = name };
    }

    /// <summary>The "kafka" object of GET /api/status, or null while the app is not answering yet.</summary>
    public async Task<KafkaFigures?> KafkaAsync()
    {
        if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}");
        try
        {
            using var json = JsonDocument.Parse(await _http.GetStringAsync("/api/status"));
            var kafka = json.RootElement.GetProperty("kafka");
            return new KafkaFigures(kafka.GetProperty("bootstrapServers").GetString()!, kafka.GetProperty("applied").GetInt64(),
                kafka.GetProperty("consumed").GetInt64(), kafka.GetProperty("lag").GetInt64(), kafka.GetProperty("assignedPartitions").GetInt32(),
                kafka.GetProperty("statePublished").GetInt64(), kafka.GetProperty("stateApplied").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<KafkaFigures> WaitAsync(Func<KafkaFigures, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await KafkaAsync() is { } figures && done(figures)) return figures;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what} on {Name}.");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        _process.Dispose();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record KafkaFigures(string BootstrapServers, long Applied, long Consumed, long Lag, int AssignedPartitions, long StatePublished,
    long StateApplied);
