using BenchmarkDotNet.Running;
using CryptoStreamLab.Benchmarks.Kafka;

// "kafka-throughput" drives the real broker path end to end; everything else is BenchmarkDotNet.
if (args is ["kafka-throughput", .. var kafkaArgs])
{
    await KafkaThroughputBenchmark.RunAsync(kafkaArgs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CryptoStreamLab.Benchmarks.EngineBenchmarks).Assembly).Run(args);
