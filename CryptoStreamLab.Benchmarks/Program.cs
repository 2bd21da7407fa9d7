using BenchmarkDotNet.Running;
using CryptoStreamLab.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(SweepBenchmarks).Assembly).Run(args);
