using BenchmarkDotNet.Running;
using CryptoStreamLab.Benchmarks.Kafka;
using CryptoStreamLab.Benchmarks.MarketData;

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

BenchmarkSwitcher.FromAssembly(typeof(CryptoStreamLab.Benchmarks.EngineBenchmarks).Assembly).Run(args);
