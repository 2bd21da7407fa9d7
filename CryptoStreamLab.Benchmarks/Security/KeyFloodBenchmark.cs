using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using CryptoStreamLab.Benchmarks.Api;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Benchmarks.Security;

/// <summary>
/// <c>key-flood [--seconds 10] [--attackers 16]</c>: the app on Kestrel with access control on; attackers send random
/// bearer keys to <c>/api/status</c> as fast as they can while one client makes valid requests one after another. Reports
/// the valid client's latency percentiles, what the attackers got, and how many log lines the flood wrote. Runs twice:
/// with a key made by the new-api-key verb, and with an older key kept as a PBKDF2 hash (the slow path, bounded by the
/// per-address failure limit), and once more with that key and no effective limit, as the app was before the limit.
/// </summary>
public static class KeyFloodBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = ApiBenchHost.Option(args, "--seconds", 10);
        var attackers = (int)ApiBenchHost.Option(args, "--attackers", 16);
        Console.WriteLine($"key-flood: {attackers} attackers with random keys for {seconds} s beside one valid client; {ApiBenchHost.Machine()}");
        var (fastKey, fastHash) = ApiKeyFormat.New();
        const string oldKey = "older-key-of-high-entropy-5f0c1a7e9b2d4c6e8a0b1c2d3e4f";
        await RunOnceAsync("key from new-api-key", fastKey, fastHash, seconds, attackers);
        var oldHash = SecretHasher.Hash(oldKey);
        await RunOnceAsync("older key, PBKDF2 hash", oldKey, oldHash, seconds, attackers);
        // As before the change: every unknown key hashed (the limit set beyond what the flood reaches).
        await RunOnceAsync("older key, PBKDF2 hash, no failure limit (as before)", oldKey, oldHash, seconds, attackers, failureLimit: 100_000);
    }

    private static async Task RunOnceAsync(string label, string validKey, string keyHash, double seconds, int attackers, int failureLimit = 20)
    {
        var logs = new CountingLogs();
        await using var host = await ApiBenchHost.StartAsync([], new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Name"] = "bench",
            ["Auth:ApiKeys:0:KeyHash"] = keyHash,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:FailedAuthenticationsPerMinute"] = failureLimit.ToString(CultureInfo.InvariantCulture),
        }, logs);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = attackers + 1 }) { BaseAddress = host.Address };
        var status = new Uri(host.Address, "/api/status");
        (await Send(http, status, validKey)).Should200(label);
        var linesBefore = logs.Count;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var answers = new ConcurrentDictionary<int, long>();
        var flood = Enumerable.Range(0, attackers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var code = await Send(http, status, Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "-guess");
                answers.AddOrUpdate(code, 1, (_, n) => n + 1);
            }
        })).ToList();
        var latencies = new List<double>();
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            if (await Send(http, status, validKey) != 200) failures++;
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        await Task.WhenAll(flood);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        var attackerRequests = answers.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: valid client {latencies.Count} requests, p50 {P(0.5):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms, {failures} not 200; " +
            $"attackers {attackerRequests} requests ({string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Value} × {a.Key}"))}); " +
            $"log lines during the flood {logs.Count - linesBefore}; CPU {cpu.TotalSeconds:0.0} s (all clients and the app); load {ApiBenchHost.LoadAverage()}"));
    }

    private static async Task<int> Send(HttpClient http, Uri uri, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (int)response.StatusCode;
    }

    private static void Should200(this int code, string label)
    {
        if (code != 200) throw new InvalidOperationException($"{label}: the valid key got {code}");
    }

    private sealed class CountingLogs : ILoggerProvider
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => new Counter(this);

        public void Dispose()
        {
        }

        private sealed class Counter(CountingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                Interlocked.Increment(ref owner._count);
        }
    }
}
