namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// Scale-out figures (BENCHMARKS.md, "Scale-out: state topic and engines").
/// Usage: cluster [state|engines|node] [options]; without a part, state and engines run.
///   state:   --runs 3 --rate 1000 --seconds 10 --symbols 10 --updates-per-candle 10 --buffer 100
///   engines: --runs 3 --candles 300000 --symbols 12 --partitions 6 --engines 1,2
///   node:    --runs 3 --strategies 1 (1 or 2 to 5 built-ins per stream) --data ../shared/data --compare OTHER/CryptoStreamLab.Web.dll
/// </summary>
public static class ClusterBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var part = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        Console.WriteLine($"load average at start {BenchOptions.LoadAverage()}");
        if (part is "state" or "all") await StateTopicLatency.RunAsync(args);
        if (part is "engines" or "all") await EngineScaling.RunAsync(args);
        if (part is "node") await NodeThroughput.RunAsync(args);
        if (part is not ("state" or "engines" or "node" or "all")) Console.Error.WriteLine($"unknown part '{part}': use state, engines or node");
    }
}
