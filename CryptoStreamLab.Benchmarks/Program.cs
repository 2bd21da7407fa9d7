using BenchmarkDotNet.Running;
using CryptoStreamLab.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(KlineFrameParserBenchmarks).Assembly).Run(args);
