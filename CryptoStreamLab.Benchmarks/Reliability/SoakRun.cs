using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoStreamLab.Benchmarks.Reliability;

/// <summary>
/// The whole app, wired as Program.cs wires it, fed by the Synthetic source for a long run: does every produced candle
/// get applied, does memory stay flat once warm, and what is the produce→apply latency tail. The ledger goes to a temp
/// folder that is deleted afterwards; the web server listens on a random port of 127.0.0.1.
/// Usage: soak [--minutes 10] [--symbols 50] [--rate 200] [--sample-seconds 10] [--warmup-minutes 1]
/// </summary>
public static class SoakRun
{
    public static async Task RunAsync(string[] args)
    {
        var minutes = Option(args, "--minutes", 10.0);
        var symbols = (int)Option(args, "--symbols", 50);
        var rate = (int)Option(args, "--rate", 200);
        var sampleEvery = TimeSpan.FromSeconds(Option(args, "--sample-seconds", 10));
        var warmUp = TimeSpan.FromMinutes(Option(args, "--warmup-minutes", Math.Min(1, minutes / 5)));
        var duration = TimeSpan.FromMinutes(minutes);

        var folder = Directory.CreateTempSubdirectory("cryptostreamlab-soak-").FullName;
        try
        {
            await RunAsync(folder, symbols, rate, duration, warmUp, sampleEvery);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(string folder, int symbols, int rate, TimeSpan duration, TimeSpan warmUp, TimeSpan sampleEvery)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = folder,
            ["Archive:Path"] = Path.Combine(folder, "archive"),
            ["MarketData:Source"] = "Synthetic",
            ["MarketData:Synthetic:SymbolCount"] = symbols.ToString(CultureInfo.InvariantCulture),
            ["MarketData:Synthetic:UpdatesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            // With the Synthetic source every generated symbol × interval is a stream the app follows, so each update
            // runs the engine, not just the transport.
            ["MarketData:Intervals:0"] = "1m",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "CryptoStreamLab.Web",
            ContentRootPath = folder,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCryptoStreamLab();
        await using var app = builder.Build();
        if (OptionsValidation.CollectStartupProblems(app.Services) is { } problems) throw new InvalidOperationException(problems);
        app.UseCryptoStreamLab();

        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        var kafka = app.Services.GetRequiredService<KafkaStatus>();
        var source = app.Services.GetRequiredService<MarketDataStatus>();
        var clock = Stopwatch.StartNew();
        var latency = new LatencyRecorder(() => clock.Elapsed >= warmUp);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == metrics.Meter && instrument.Name == "cryptostreamlab.pipeline.latency") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => latency.Record(value));
        listener.Start();

        Console.WriteLine($"Soak: Synthetic source, {symbols} symbols × 1m, {rate} updates/s for {duration.TotalMinutes} min " +
            $"(warm-up {warmUp.TotalMinutes} min); {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load average {LoadAverage()}");
        await app.StartAsync();
        clock.Restart();

        var samples = new List<Sample>();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine("elapsed_s,published,produced,applied,lag,max_latency_ms,working_set_mb,gc_heap_mb,load_avg");
        for (var due = sampleEvery; due <= duration; due += sampleEvery)
        {
            if (due - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
            process.Refresh();
            var k = kafka.Snapshot();
            var sample = new Sample(clock.Elapsed, source.Published, k.Produced, k.Applied, k.Lag, process.WorkingSet64 / 1048576.0,
                GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
            samples.Add(sample);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sample.Elapsed.TotalSeconds:F0},{sample.Published},{sample.Produced},{sample.Applied},{sample.Lag},{latency.TakeIntervalMax():F0},{sample.WorkingSetMb:F1},{sample.GcHeapMb:F1},{LoadAverage()}"));
        }

        // Stop the feed, then let the pipeline drain: every candle the source handed over must be produced and applied.
        var feed = app.Services.GetServices<IHostedService>().OfType<MarketDataService>().Single();
        await feed.StopAsync(CancellationToken.None);
        var left = app.Services.GetRequiredService<KafkaKlinePublisher>().Flush(TimeSpan.FromSeconds(30));
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(60) && kafka.Snapshot() is var s && (s.Applied < source.Published || s.Produced < source.Published))
            await Task.Delay(100);
        var final = kafka.Snapshot();
        await app.StopAsync();

        var steady = samples.Where(sample => sample.Elapsed >= warmUp).ToList();
        Console.WriteLine();
        Console.WriteLine($"published by the source {source.Published:N0}; produced {final.Produced:N0}; consumed {final.Consumed:N0}; " +
            $"applied {final.Applied:N0}; produce errors {final.ProduceErrors}; dead-lettered {final.DeadLettered}; still queued {left}; " +
            $"applied == produced: {final.Applied == final.Produced && final.Produced == source.Published}");
        Console.WriteLine($"achieved rate {source.Published / duration.TotalSeconds:F1} updates/s");
        if (steady.Count >= 2)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"after warm-up ({steady.Count} samples): working set {steady.Min(x => x.WorkingSetMb):F1}–{steady.Max(x => x.WorkingSetMb):F1} MB, " +
                $"slope {Slope(steady, x => x.WorkingSetMb):F2} MB/min; GC heap {steady.Min(x => x.GcHeapMb):F1}–{steady.Max(x => x.GcHeapMb):F1} MB, " +
                $"slope {Slope(steady, x => x.GcHeapMb):F2} MB/min"));
        }
        Console.WriteLine(latency.Describe());
        Console.WriteLine($"load average at the end {LoadAverage()}");
    }

    private sealed record Sample(TimeSpan Elapsed, long Published, long Produced, long Applied, long Lag, double WorkingSetMb, double GcHeapMb);

    /// <summary>Least-squares slope per minute: a leak shows as a steady climb, GC sawtooth averages out.</summary>
    private static double Slope(List<Sample> samples, Func<Sample, double> value)
    {
        var xs = samples.Select(s => s.Elapsed.TotalMinutes).ToArray();
        var ys = samples.Select(value).ToArray();
        double mx = xs.Average(), my = ys.Average();
        var num = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my));
        var den = xs.Sum(x => (x - mx) * (x - mx));
        return den == 0 ? 0 : num / den;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Whole-millisecond latencies counted per millisecond: exact percentiles, fixed memory, no allocation per record.</summary>
    private sealed class LatencyRecorder(Func<bool> counting)
    {
        private const int MaxMs = 60_000;
        private readonly long[] _counts = new long[MaxMs + 1];
        private long _total;
        private double _max;
        private double _intervalMax;

        /// <summary>The worst latency since the previous call, warm-up included: shows when the tail happens.</summary>
        public double TakeIntervalMax() => Interlocked.Exchange(ref _intervalMax, 0);

        public void Record(double ms)
        {
            if (ms > _intervalMax) _intervalMax = ms;
            if (!counting()) return;
            var bucket = (int)Math.Min(MaxMs, Math.Max(0, ms));
            Interlocked.Increment(ref _counts[bucket]);
            Interlocked.Increment(ref _total);
            if (ms > _max) _max = ms;
        }

        public string Describe()
        {
            var total = Interlocked.Read(ref _total);
            if (total == 0) return "latency: no measurements";
            return $"produce→apply latency after warm-up ({total:N0} updates, whole ms): p50 {Percentile(0.50)} ms, " +
                $"p90 {Percentile(0.90)} ms, p99 {Percentile(0.99)} ms, p99.9 {Percentile(0.999)} ms, max {_max:F0} ms";
        }

        private int Percentile(double q)
        {
            var target = (long)Math.Ceiling(q * Interlocked.Read(ref _total));
            long seen = 0;
            for (var ms = 0; ms <= MaxMs; ms++)
            {
                seen += _counts[ms];
                if (seen >= target) return ms;
            }
            return MaxMs;
        }
    }
}
