using System.Diagnostics;
using System.Globalization;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// How fast one default node (every role, ledger, archive, state topic) applies closed candles when they come as fast as
/// it can take them: the real app as a process replays held-out month files with a backfill that covers them, so every
/// candle is published closed at once; /api/status is polled until kafka.applied reaches the files' candle count. Reports
/// the rate and the node's CPU per candle over the window from the first candle applied to the last.
/// </summary>
internal static class NodeThroughput
{
    private static readonly string[] DefaultFiles =
        ["AVAXUSDT-1m-2026-02.csv.gz", "DOTUSDT-1m-2026-02.csv.gz", "LINKUSDT-1m-2026-02.csv.gz", "LTCUSDT-1m-2026-02.csv.gz", "NEARUSDT-1m-2026-02.csv.gz"];

    // Five strategies on every stream: the seed's and the four other built-ins with their defaults.
    private static readonly string[] FiveStrategies = ["CrossoverRsi", "BollingerReversion", "MacdTrend", "Rsi2Reversal", "DonchianBreakout"];

    public static async Task RunAsync(string[] args)
    {
        var runs = BenchOptions.Int(args, "--runs", 3);
        var strategies = BenchOptions.Int(args, "--strategies", 1);
        var candlesPerFile = 40_320; // 28 days of 1-minute candles in each February 2026 file
        var data = BenchOptions.Text(args, "--data", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "shared", "data")));
        var files = DefaultFiles.Select(f => Path.Combine(data, f)).ToArray();
        var total = (long)candlesPerFile * files.Length;
        // --compare PATH: each run also runs another build's CryptoStreamLab.Web.dll (e.g. the main branch's), right after this one.
        var compare = BenchOptions.Text(args, "--compare", "");
        Console.WriteLine($"Node: {files.Length} files × {candlesPerFile:N0} closed candles, {strategies} strateg{(strategies == 1 ? "y" : "ies")} per stream; " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        for (var run = 1; run <= runs; run++)
        {
            foreach (var build in compare.Length > 0 ? new[] { "", compare } : [""])
            {
                var (started, load) = (DateTime.UtcNow, BenchOptions.LoadAverage());
                var result = await RunOnceAsync(files, total, strategies, build.Length > 0 ? build : null);
                Console.WriteLine($"run {run}, {(build.Length > 0 ? build : "this build")}, at {started:HH:mm:ss} UTC (load average {load} → {BenchOptions.LoadAverage()}): {result}");
            }
        }
    }

    private static async Task<string> RunOnceAsync(string[] files, long total, int strategies, string? webDll)
    {
        var folder = Directory.CreateTempSubdirectory("cryptostreamlab-node-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Node:Id"] = "N",
            ["Storage:Path"] = Path.Combine(folder, "data"),
            ["Archive:Path"] = Path.Combine(folder, "archive"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:UpdatesPerCandle"] = "1",
            ["MarketData:Replay:Backfill"] = "60.00:00:00",
        };
        for (var i = 0; i < files.Length; i++) settings[$"MarketData:Replay:Files:{i}"] = files[i];
        for (var i = 0; i < strategies && strategies > 1; i++)
        {
            settings[$"Strategies:{i}:Type"] = FiveStrategies[i % FiveStrategies.Length];
            settings[$"Strategies:{i}:Name"] = $"s{i}";
        }

        using var node = NodeProcess.Start("N", settings, webDll);
        try
        {
            var clock = Stopwatch.StartNew();
            var first = await node.WaitAsync(f => f.Applied > 0, TimeSpan.FromMinutes(2), "the first candle applied");
            var (t0, cpu0, machine0, self0) = (clock.Elapsed, node.Cpu, BenchOptions.MachineBusy(), BenchOptions.OwnCpu());
            var last = await node.WaitAsync(f => f.Applied >= total, TimeSpan.FromMinutes(10), $"{total:N0} candles applied");
            var (t1, cpu1, machine1, self1) = (clock.Elapsed, node.Cpu, BenchOptions.MachineBusy(), BenchOptions.OwnCpu());
            var window = t1 - t0;
            var applied = last.Applied - first.Applied;
            var cpu = cpu1 - cpu0;
            var others = machine1 - machine0 - cpu - (self1 - self0);
            return string.Create(CultureInfo.InvariantCulture,
                $"{applied / window.TotalSeconds:N0} candles/s over {window.TotalSeconds:F2} s ({applied:N0} applied after the first), " +
                $"node CPU {cpu.TotalSeconds:F1} s = {cpu / window * 100:F0} % of one core = {cpu.TotalMicroseconds / applied:F1} µs per candle; " +
                $"first applied {t0.TotalSeconds:F1} s after start; state published {last.StatePublished:N0}, read back {last.StateApplied:N0}; " +
                $"everything else on the machine {others / window * 100:F0} %");
        }
        finally
        {
            node.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
