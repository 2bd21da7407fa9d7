using BenchmarkDotNet.Attributes;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// A 100-set parameter sweep over a month of 1-minute candles (target: under 10 s on 2 cores), and one
/// backtest over the same month for the per-run cost. Candles come from <see cref="MonthOfCandles"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SweepBenchmarks
{
    /// <summary>5 fast × 5 slow × 2 buyRsiMin × 2 sellRsiMin = 100 sets, all valid.</summary>
    public const string Grid = "fast=10:30:5;slow=40:80:10;buyRsiMin=45,50;buyRsiMax=70;sellRsiMin=65,70";

    private Candle[] _candles = [];
    private IReadOnlyList<StrategySetup> _sets = [];
    private readonly EngineSettings _settings = new(new StrategyOptions(), new TradingOptions());
    private StreamKey _stream;

    [GlobalSetup]
    public void Setup()
    {
        (_stream, _candles) = MonthOfCandles.Load();
        _sets = ParameterGrid.Parse(Grid, _settings).Sets;
        if (_sets.Count != 100) throw new InvalidOperationException($"The grid should hold 100 sets, not {_sets.Count}.");
    }

    [Benchmark(Description = "sweep: 100 sets, all cores")]
    public SweepResult[] Sweep100() => ParameterSweep.Run(_stream, _settings, _sets, _candles);

    [Benchmark(Description = "one backtest with statistics")]
    public BacktestStatistics SingleRun() => Backtester.Run(_stream, _settings, _candles).Statistics;
}
