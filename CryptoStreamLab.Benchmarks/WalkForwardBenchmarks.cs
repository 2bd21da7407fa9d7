using BenchmarkDotNet.Attributes;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// A walk-forward of the 100-set sweep grid over a month of 1-minute candles in 7-day folds (7d:7d: three folds, each
/// choosing on 10,080 candles and testing on the next 10,080); target under 5 s on 2 cores. Candles from <see cref="MonthOfCandles"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class WalkForwardBenchmarks
{
    private Candle[] _candles = [];
    private IReadOnlyList<StrategySetup> _sets = [];
    private readonly EngineSettings _settings = new(new StrategyOptions(), new TradingOptions());
    private readonly WalkForwardSettings _walkForward = new(WalkForwardSpec.Parse("7d:7d"));
    private StreamKey _stream;

    [GlobalSetup]
    public void Setup()
    {
        (_stream, _candles) = MonthOfCandles.Load();
        _sets = ParameterGrid.Parse(SweepBenchmarks.Grid, _settings).Sets;
        if (_sets.Count != 100) throw new InvalidOperationException($"The grid should hold 100 sets, not {_sets.Count}.");
    }

    [Benchmark(Description = "walk-forward: 100 sets, 7d:7d folds over a month, all cores")]
    public WalkForwardResult WalkForward7d() => WalkForward.Run(_stream, _settings, _sets, _candles, TimeWindow.All, _walkForward);
}
