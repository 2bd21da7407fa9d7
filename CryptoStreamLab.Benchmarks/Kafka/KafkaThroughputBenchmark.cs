using System.Diagnostics;
using System.Globalization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Benchmarks.Kafka;

/// <summary>
/// End-to-end figures for the Kafka backbone on the embedded broker: publisher → topic → consumer → sink.
/// A pipeline with its own threads and sockets is not a micro-benchmark, so this is a plain timed run rather than
/// a BenchmarkDotNet job.
/// Usage: kafka-throughput [--count 200000] [--runs 3] [--rate 1000] [--seconds 10]
/// With <c>--archive-effect</c>: only the latency, into the real <see cref="StreamDirectory"/> (engines, candle buffers)
/// with the Parquet archive off and on in turn (<c>--runs</c> pairs), to see what archiving costs the live path.
/// </summary>
public static class KafkaThroughputBenchmark
{
    private const int Symbols = 12;

    public static async Task RunAsync(string[] args)
    {
        var count = Option(args, "--count", 200_000);
        var runs = Option(args, "--runs", 3);
        var rate = Option(args, "--rate", 1_000);
        var seconds = Option(args, "--seconds", 10);

        Console.WriteLine($"Kafka backbone on the embedded broker: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        if (args.Contains("--archive-effect"))
        {
            await ArchiveEffectAsync(rate, seconds, runs);
            return;
        }

        // The first pass pays for JIT compilation and librdkafka's start-up; it is not counted.
        await ThroughputAsync(Math.Min(count, 50_000));

        var throughputs = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var (candlesPerSecond, enqueuePerSecond) = await ThroughputAsync(count);
            throughputs.Add(candlesPerSecond);
            Console.WriteLine($"replay run {run}: {count:N0} candles produced→applied at {candlesPerSecond:N0} candles/s " +
                $"(publisher enqueued at {enqueuePerSecond:N0}/s)");
        }
        throughputs.Sort();
        Console.WriteLine($"replay throughput: median {throughputs[throughputs.Count / 2]:N0} candles/s, " +
            $"min {throughputs[0]:N0}, max {throughputs[^1]:N0}");

        var (p50, p90, p99, max, measured) = await LatencyAsync(rate, seconds);
        Console.WriteLine($"latency at a steady {rate:N0} candles/s for {seconds} s ({measured:N0} candles after 1 s warm-up): " +
            $"p50 {p50:F2} ms, p90 {p90:F2} ms, p99 {p99:F2} ms, max {max:F2} ms");
    }

    private static async Task<(double CandlesPerSecond, double EnqueuePerSecond)> ThroughputAsync(int count)
    {
        var candles = Generate(count);
        var sink = new CountingSink(count);
        await using var pipeline = await Pipeline.StartAsync(sink);

        var clock = Stopwatch.StartNew();
        foreach (var candle in candles) await pipeline.Publisher.PublishAsync(candle, 0, CancellationToken.None);
        var enqueued = clock.Elapsed;
        await sink.AllApplied.WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;
        return (count / elapsed.TotalSeconds, count / enqueued.TotalSeconds);
    }

    /// <summary>Produce → applied to the market state, the archive off and on in turn, so both see the same machine load.</summary>
    private static async Task ArchiveEffectAsync(int rate, int seconds, int runs)
    {
        var streams = Enumerable.Range(0, Symbols).Select(i => new StreamKey($"SYM{i:D2}USDT", KlineInterval.OneMinute)).ToArray();
        var settings = new EngineSettings(new StrategyOptions(), new TradingOptions(), CandleBuffer.DefaultCapacity);
        for (var run = 1; run <= runs; run++)
        {
            foreach (var archived in new[] { false, true })
            {
                var root = Directory.CreateTempSubdirectory("archive-effect-").FullName;
                var archive = new CandleArchive(root, enabled: archived, NullLogger<CandleArchive>.Instance);
                var flusher = new ArchiveFlushService(archive, Options.Create(new ArchiveOptions { FlushInterval = TimeSpan.FromSeconds(1) }));
                await flusher.StartAsync(CancellationToken.None);
                var market = new StreamDirectory(streams, settings, archive: archived ? archive : null);
                var (p50, p90, p99, max, measured) = await LatencyAsync(rate, seconds, market);
                await flusher.StopAsync(CancellationToken.None);
                Console.WriteLine($"run {run}, archive {(archived ? "on " : "off")}: {measured:N0} candles at {rate:N0}/s into the market state: " +
                    $"p50 {p50:F2} ms, p90 {p90:F2} ms, p99 {p99:F2} ms, max {max:F2} ms; archived {archive.Status.CandlesWritten:N0} in {archive.Status.Files:N0} files");
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<(double P50, double P90, double P99, double Max, int Measured)> LatencyAsync(int rate, int seconds, ICandleSink? inner = null)
    {
        var total = rate * (seconds + 1);
        var warmUp = rate;
        var candles = Generate(total);
        var sink = new CountingSink(total, inner);
        await using var pipeline = await Pipeline.StartAsync(sink);

        // Publish on a schedule: candle i is due at i/rate seconds; a late tick sends everything already due.
        var publishing = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)((double)i * Stopwatch.Frequency / rate);
                while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
                sink.PublishedAt[i] = Stopwatch.GetTimestamp();
                pipeline.Publisher.PublishAsync(candles[i], 0, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }) { IsBackground = true, Name = "steady publisher" };
        publishing.Start();
        await sink.AllApplied.WaitAsync(TimeSpan.FromSeconds(seconds + 60));
        publishing.Join();

        var latencies = sink.LatencyTicks.Skip(warmUp).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies[^1], latencies.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Candles for several symbols interleaved; the trade count carries the sequence number for the sink.</summary>
    private static Candle[] Generate(int count)
    {
        var symbols = Enumerable.Range(0, Symbols).Select(i => $"SYM{i:D2}USDT").ToArray();
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var candles = new Candle[count];
        for (var i = 0; i < count; i++)
        {
            var open = start + (i / Symbols) * 60_000L;
            var price = 100m + (i % 977) * 0.01m;
            candles[i] = new Candle(symbols[i % Symbols], KlineInterval.OneMinute, open, open + 59_999, price, price + 1m,
                price - 1m, price + 0.5m, 10.5m, 1050.25m, i, IsClosed: true);
        }
        return candles;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Counts applied candles and, when publish times are known, the latency of each.</summary>
    private sealed class CountingSink(int expected, ICandleSink? inner = null) : ICandleSink
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _applied;

        public long[] PublishedAt { get; } = new long[expected];

        public long[] LatencyTicks { get; } = new long[expected];

        public Task AllApplied => _done.Task;

        public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null)
        {
            inner?.Apply(candle, eventTime, origin);
            var index = (int)candle.TradeCount;
            var publishedAt = Volatile.Read(ref PublishedAt[index]);
            if (publishedAt != 0) LatencyTicks[index] = Stopwatch.GetTimestamp() - publishedAt;
            if (Interlocked.Increment(ref _applied) == expected) _done.TrySetResult();
            return CandleApplyOutcome.Applied;
        }
    }

    /// <summary>The backbone as the app registers it, on a fresh embedded broker.</summary>
    private sealed class Pipeline : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly List<IHostedService> _hosted;

        private Pipeline(ServiceProvider provider)
        {
            _provider = provider;
            _hosted = provider.GetServices<IHostedService>().ToList();
        }

        public KafkaKlinePublisher Publisher => _provider.GetRequiredService<KafkaKlinePublisher>();

        public static async Task<Pipeline> StartAsync(ICandleSink sink)
        {
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(sink);
            services.AddKafkaBackbone(new ConfigurationBuilder().Build());
            var pipeline = new Pipeline(services.BuildServiceProvider());
            foreach (var service in pipeline._hosted) await service.StartAsync(CancellationToken.None);
            var status = pipeline._provider.GetRequiredService<KafkaStatus>();
            var clock = Stopwatch.StartNew();
            // Measure the stream, not the consumer group's join.
            while (status.Snapshot().AssignedPartitions == 0 || status.Restoring)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the consumer was never assigned");
                await Task.Delay(10);
            }
            return pipeline;
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _hosted.Count - 1; i >= 0; i--) await _hosted[i].StopAsync(CancellationToken.None);
            await _provider.DisposeAsync();
        }
    }
}
