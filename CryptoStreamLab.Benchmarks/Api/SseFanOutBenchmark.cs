using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Http.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Benchmarks.Api;

/// <summary>
/// <c>sse-fanout [--clients 100] [--rate 10] [--seconds 60] [--baseline-seconds 20]</c>: one stream updated <c>rate</c> times a
/// second (each candle four open updates and its close), first with no client (the engine's own cost), then with
/// <c>clients</c> event-stream clients on real sockets. Reports the delay from applying an update to a client reading its
/// <c>candle</c> event (p50/p99/max over every client), events delivered and coalesced, dropped clients, and the process's
/// CPU and memory. The clients run in the same process, so the CPU figure is the server's and the clients' together.
/// </summary>
public static class SseFanOutBenchmark
{
    private const int OpenUpdates = 4;

    public static async Task RunAsync(string[] args)
    {
        var clients = (int)ApiBenchHost.Option(args, "--clients", 100);
        var rate = ApiBenchHost.Option(args, "--rate", 10);
        var seconds = ApiBenchHost.Option(args, "--seconds", 60);
        var baselineSeconds = ApiBenchHost.Option(args, "--baseline-seconds", 20);
        var candles = SyntheticCandles.RandomWalk(ApiBenchHost.Stream.Symbol, 3_000 + (int)((seconds + baselineSeconds + 30) * rate / (OpenUpdates + 1)));
        await using var host = await ApiBenchHost.StartAsync(candles.Take(1_000).ToList());
        var feed = new Feed(host, candles.Skip(1_000).ToArray());

        Console.WriteLine($"sse-fanout: {clients} clients × 1 stream, {rate} updates/s ({OpenUpdates} open updates + close per candle); " +
            $"{ApiBenchHost.Machine()}; load average {ApiBenchHost.LoadAverage()}");
        using var stop = new CancellationTokenSource();
        var feeding = feed.RunAsync(rate, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(3)); // warm-up
        var baseline = await Measure.OverAsync(TimeSpan.FromSeconds(baselineSeconds));
        Console.WriteLine($"no client:  {baseline}");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = host.Address, Timeout = Timeout.InfiniteTimeSpan };
        var readers = Enumerable.Range(0, clients).Select(_ => new Client(feed)).ToList();
        var reading = readers.Select(r => r.RunAsync(http, stop.Token)).ToList();
        while (readers.Any(r => r.Received == 0)) await Task.Delay(50);
        foreach (var reader in readers) reader.Reset();
        var applied = feed.Applied;
        var loaded = await Measure.OverAsync(TimeSpan.FromSeconds(seconds));
        var appliedDuring = feed.Applied - applied;
        var hub = host.App.Services.GetRequiredService<StreamEventHub>();
        Console.WriteLine($"{clients} clients: {loaded}");

        var latencies = readers.SelectMany(r => r.Latencies).Order().ToArray();
        var perClient = readers.Select(r => r.Received).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"updates applied {appliedDuring:N0}; candle events read per client {perClient.Min():N0}–{perClient.Max():N0} " +
            $"({100.0 * perClient.Average() / appliedDuring:F1} % of updates; the rest coalesced with the next); connected {hub.ClientCount}, dropped {hub.DroppedClients}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"delivery (apply → client read), {latencies.Length:N0} events: p50 {Percentile(latencies, 0.50):F2} ms, p90 {Percentile(latencies, 0.90):F2} ms, " +
            $"p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms"));
        Console.WriteLine($"load average at the end {ApiBenchHost.LoadAverage()}");

        stop.Cancel();
        await Task.WhenAll(reading.Append(feeding).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    /// <summary>Applies updates at a steady rate and remembers when each was applied, by (open time, volume).</summary>
    private sealed class Feed(ApiBenchHost host, Candle[] candles)
    {
        public ConcurrentDictionary<(long OpenTime, decimal Volume), long> AppliedAt { get; } = new();

        public long Applied;

        public async Task RunAsync(double rate, CancellationToken cancellation)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
            foreach (var candle in candles)
            {
                for (var step = 1; step <= OpenUpdates + 1; step++)
                {
                    if (!await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false)) return;
                    var update = step > OpenUpdates ? candle : candle with
                    {
                        Close = candle.Open + (candle.Close - candle.Open) * step / (OpenUpdates + 1),
                        Volume = candle.Volume * step / (OpenUpdates + 1),
                        IsClosed = false,
                    };
                    update = update with { High = Math.Max(update.High, Math.Max(update.Open, update.Close)), Low = Math.Min(update.Low, Math.Min(update.Open, update.Close)) };
                    AppliedAt[(update.OpenTime, update.Volume)] = Stopwatch.GetTimestamp();
                    host.Market.Apply(update);
                    Interlocked.Increment(ref Applied);
                }
            }
        }
    }

    /// <summary>One event-stream client: reads every event, and for each candle the delay since its update was applied.</summary>
    private sealed class Client(Feed feed)
    {
        private ConcurrentQueue<double> _latencies = new();
        private long _received;

        public long Received => Interlocked.Read(ref _received);

        public IEnumerable<double> Latencies => _latencies;

        public void Reset()
        {
            _latencies = new ConcurrentQueue<double>();
            Interlocked.Exchange(ref _received, 0);
        }

        public async Task RunAsync(HttpClient http, CancellationToken cancellation)
        {
            using var response = await http.GetAsync($"api/v1/streams/{ApiBenchHost.Stream.Symbol}/1m/events", HttpCompletionOption.ResponseHeadersRead, cancellation);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation));
            var type = "";
            while (await reader.ReadLineAsync(cancellation) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "candle")
                {
                    var now = Stopwatch.GetTimestamp();
                    using var json = JsonDocument.Parse(line.AsMemory(6));
                    var key = (json.RootElement.GetProperty("open_time").GetInt64(), json.RootElement.GetProperty("volume").GetDecimal());
                    if (feed.AppliedAt.TryGetValue(key, out var at)) _latencies.Enqueue(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                    Interlocked.Increment(ref _received);
                }
            }
        }
    }

    /// <summary>The process's CPU (share of one core) and memory over a period.</summary>
    private sealed record Measure(double CpuPercentOfOneCore, double WorkingSetMb, double GcHeapMb, string LoadAverage)
    {
        public static async Task<Measure> OverAsync(TimeSpan period)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(period);
            process.Refresh();
            return new Measure(100 * (process.TotalProcessorTime - cpu).TotalSeconds / clock.Elapsed.TotalSeconds, process.WorkingSet64 / 1048576.0,
                GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, ApiBenchHost.LoadAverage());
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"CPU {CpuPercentOfOneCore:F1} % of one core, working set {WorkingSetMb:F0} MB, GC heap {GcHeapMb:F0} MB, load average {LoadAverage}");
    }
}
