using BenchmarkDotNet.Running;
using CryptoStreamLab.Benchmarks.Api;
using CryptoStreamLab.Benchmarks.Archive;
using CryptoStreamLab.Benchmarks.Cluster;
using CryptoStreamLab.Benchmarks.Dashboard;
using CryptoStreamLab.Benchmarks.Kafka;
using CryptoStreamLab.Benchmarks.MarketData;
using CryptoStreamLab.Benchmarks.Reliability;

// "kafka-throughput" and "frame-latency" drive the real broker path end to end; everything else is BenchmarkDotNet.
if (args is ["kafka-throughput", .. var kafkaArgs])
{
    await KafkaThroughputBenchmark.RunAsync(kafkaArgs);
    return;
}
if (args is ["frame-latency", .. var frameArgs])
{
    await FrameLatencyBenchmark.RunAsync(frameArgs);
    return;
}

// "cluster" measures scale-out: the state topic's latency and one engine process against two (BENCHMARKS.md).
if (args is ["cluster", .. var clusterArgs])
{
    await ClusterBenchmark.RunAsync(clusterArgs);
    return;
}

// "archive" writes candles through the Parquet archive in bulk and reads one stream back (BENCHMARKS.md).
if (args is ["archive", .. var archiveArgs])
{
    await ArchiveBenchmark.RunAsync(archiveArgs);
    return;
}

// "klines" reads a kline file with the backtest's reader and writes the per-candle CSV (BENCHMARKS.md).
if (args is ["klines", .. var klineArgs])
{
    CryptoStreamLab.Benchmarks.Backtesting.KlineFileBenchmark.Run(klineArgs);
    return;
}
// "api-candles" loads GET …/candles with wrk; "sse-fanout" measures event-stream delivery to many clients (BENCHMARKS.md).
if (args is ["api-candles", .. var candlesArgs])
{
    await CandlesLoadBenchmark.RunAsync(candlesArgs);
    return;
}
if (args is ["sse-fanout", .. var fanOutArgs])
{
    await SseFanOutBenchmark.RunAsync(fanOutArgs);
    return;
}

// "rewind" answers GET …/at for random times over a year of 1-minute candles in the archive and ledger (BENCHMARKS.md).
if (args is ["rewind", .. var rewindArgs])
{
    await RewindBenchmark.RunAsync(rewindArgs);
    return;
}

// "key-flood" sends random bearer keys beside one valid client and reports the valid client's latency (BENCHMARKS.md).
if (args is ["key-flood", .. var floodArgs])
{
    await CryptoStreamLab.Benchmarks.Security.KeyFloodBenchmark.RunAsync(floodArgs);
    return;
}

// "dashboard-load" opens the dashboard in many Chromium pages on a stream updating 10 times a second (BENCHMARKS.md).
if (args is ["dashboard-load", .. var dashboardArgs])
{
    await DashboardLoadBenchmark.RunAsync(dashboardArgs);
    return;
}

// "soak" runs the whole app for minutes and reports counts, memory and latency (BENCHMARKS.md).
if (args is ["soak", .. var soakArgs])
{
    await SoakRun.RunAsync(soakArgs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CryptoStreamLab.Benchmarks.EngineBenchmarks).Assembly).Run(args);
