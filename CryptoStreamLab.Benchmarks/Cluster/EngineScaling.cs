using System.Diagnostics;
using System.Globalization;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// Part 2 of the cluster benchmark: candles/s applied by one engine process against two. Per pass, a fresh node A
/// (Ingest only: it hosts the embedded broker and its feed points nowhere) gets its candle topic pre-filled with closed
/// candles; then N engine processes (<c>--Node:Roles=Engine</c>, one consumer group) are started together on A's
/// broker, and their /api/status is polled until the sum of their kafka.applied reaches the count.
/// </summary>
internal static class EngineScaling
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(string[] args)
    {
        var runs = BenchOptions.Int(args, "--runs", 3);
        var count = BenchOptions.Int(args, "--candles", 300_000);
        var partitions = BenchOptions.Int(args, "--partitions", 6);
        var symbols = Prefill.BalancedSymbols(BenchOptions.Int(args, "--symbols", 12), partitions);
        var engines = BenchOptions.Text(args, "--engines", "1,2").Split(',').Select(e => int.Parse(e, CultureInfo.InvariantCulture)).ToArray();

        Console.WriteLine($"Engines: {count:N0} closed candles over {symbols.Count} symbols, {partitions} partitions, engine processes {string.Join(" then ", engines)}; " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"symbols (evenly spread over the partitions): {string.Join(", ", symbols)}");
        for (var run = 1; run <= runs; run++)
        {
            foreach (var n in engines)
            {
                var (started, loadBefore) = (DateTime.UtcNow, BenchOptions.LoadAverage());
                var result = await RunOnceAsync(n, count, partitions, symbols);
                Console.WriteLine($"run {run}, {n} engine process{(n == 1 ? "" : "es")}, at {started:HH:mm:ss} UTC (load average {loadBefore} → {BenchOptions.LoadAverage()}):");
                Console.WriteLine(result);
            }
        }
    }

    private static async Task<string> RunOnceAsync(int engineCount, int count, int partitions, IReadOnlyList<string> symbols)
    {
        var folder = Directory.CreateTempSubdirectory("cryptostreamlab-engines-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            var a = Start(nodes, "A", folder, new()
            {
                ["Node:Roles"] = "Ingest",
                ["Kafka:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
                ["MarketData:Source"] = "Binance",
                ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
                ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
                ["Logging:LogLevel:CryptoStreamLab.Node.Ingest"] = "Error",
            });
            var broker = (await a.WaitAsync(_ => true, TimeSpan.FromSeconds(60), "A to answer")).BootstrapServers;
            var prefill = await Prefill.RunAsync(broker, symbols, count);
            var sizes = Prefill.PartitionSizes(broker, partitions);

            var clock = Stopwatch.StartNew();
            var engines = Enumerable.Range(1, engineCount).Select(i => Start(nodes, $"E{i}", folder, new()
            {
                ["Node:Roles"] = "Engine",
                ["Kafka:BootstrapServers"] = broker,
                ["Kafka:Client:session.timeout.ms"] = "3000",
                ["Kafka:Client:heartbeat.interval.ms"] = "500",
                ["Kafka:Client:fetch.wait.max.ms"] = "5",
            })).ToList();

            // "Settled": every engine holds partitions and together they hold all of them (after any rebalance).
            Snapshot? settled = null;
            Snapshot now;
            while (true)
            {
                await Task.Delay(Poll);
                now = await SnapshotAsync(clock, engines, a);
                if (settled is null && now.Figures.All(f => f?.AssignedPartitions > 0) && now.Figures.Sum(f => f!.AssignedPartitions) == partitions)
                    settled = now;
                if (now.Applied >= count) break;
                if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"only {now.Applied:N0} of {count:N0} applied after 5 min");
            }
            var s = settled ?? now;
            var window = now.Elapsed - s.Elapsed;
            var engineCpu = now.EngineCpu - s.EngineCpu;
            var brokerCpu = now.BrokerCpu - s.BrokerCpu;
            var benchCpu = now.Self - s.Self;
            var others = now.Machine - s.Machine - engineCpu - brokerCpu - benchCpu;
            return string.Create(CultureInfo.InvariantCulture,
                $"""
                  prefill {count:N0} candles in {prefill.TotalSeconds:F1} s (partitions hold {sizes}); all applied {now.Elapsed.TotalSeconds:F2} s after the engines were started ({count / now.Elapsed.TotalSeconds:N0} candles/s overall)
                  settled at {s.Elapsed.TotalSeconds:F2} s with {s.Applied:N0} applied; from there {(count - s.Applied) / window.TotalSeconds:N0} candles/s over {window.TotalSeconds:F2} s
                  per engine: {string.Join("; ", engines.Select((e, i) => $"{e.Name} applied {now.Figures[i]!.Applied:N0} ({now.Figures[i]!.Applied - (s.Figures[i]?.Applied ?? 0):N0} after settling), {now.Figures[i]!.AssignedPartitions} partitions, read {now.Figures[i]!.StateApplied:N0} state messages, CPU {now.Cpu[i].TotalSeconds:F1} s since start"))}
                  CPU from settled to done: engines {engineCpu.TotalSeconds:F1} s ({engineCpu / window * 100:F0} % of one core), A (broker) {brokerCpu.TotalSeconds:F1} s ({brokerCpu / window * 100:F0} %), this benchmark {benchCpu / window * 100:F0} %, everything else on the machine {others / window * 100:F0} %
                """);
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Snapshot(TimeSpan Elapsed, KafkaFigures?[] Figures, TimeSpan[] Cpu, TimeSpan BrokerCpu, TimeSpan Machine, TimeSpan Self)
    {
        public long Applied => Figures.Sum(f => f?.Applied ?? 0);

        public TimeSpan EngineCpu => Cpu.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);
    }

    private static async Task<Snapshot> SnapshotAsync(Stopwatch clock, List<NodeProcess> engines, NodeProcess broker)
    {
        var figures = await Task.WhenAll(engines.Select(e => e.KafkaAsync()));
        return new Snapshot(clock.Elapsed, figures, engines.Select(e => e.Cpu).ToArray(), broker.Cpu, BenchOptions.MachineBusy(), BenchOptions.OwnCpu());
    }

    private static NodeProcess Start(List<NodeProcess> nodes, string id, string folder, Dictionary<string, string> settings)
    {
        settings["Node:Id"] = id;
        settings["Storage:Path"] = Path.Combine(folder, id);
        settings["Archive:Path"] = Path.Combine(folder, id, "archive");
        settings["Logging:LogLevel:Default"] = "Warning";
        var node = NodeProcess.Start(id, settings);
        nodes.Add(node);
        return node;
    }
}
