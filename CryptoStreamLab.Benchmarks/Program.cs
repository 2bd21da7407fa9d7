using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CryptoStreamLab.Benchmarks.EngineBenchmarks).Assembly).Run(args);
