using System.Globalization;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>Command-line options (--name value), the machine's load average and nearest-rank percentiles.</summary>
internal static class BenchOptions
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string Text(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them.</summary>
    public static string LoadAverage()
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

    /// <summary>
    /// CPU time the whole machine has spent busy since boot (all cores; /proc/stat user, nice, system, irq, softirq and
    /// steal, in 1/100 s). The difference over a window, less this benchmark's own processes, is what others used.
    /// </summary>
    public static TimeSpan MachineBusy()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
            return TimeSpan.FromSeconds(busy / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    public static TimeSpan OwnCpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static string Describe(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(sorted, 0.50):F2} ms, p90 {Percentile(sorted, 0.90):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");
}
