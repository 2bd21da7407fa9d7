using BenchmarkDotNet.Attributes;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// The seed's strategy written as Rules (two compiled expressions over shared indicator nodes) against the built-in
/// <see cref="CrossoverRsiStrategy"/>, each through the whole <see cref="StreamEngine"/> (buffer + strategy + account)
/// over a month of 1-minute candles from <see cref="MonthOfCandles"/>. Results are per candle.
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    public const string Buy = "crossover(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 50 and rsi_sma(close, 14) < 70";
    public const string Sell = "crossunder(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 70";

    private readonly EngineSettings _builtIn = new(new StrategyOptions(), new TradingOptions());
    private readonly EngineSettings _rules = EngineSettings.For(
        new StrategySetup(BuiltInStrategies.Rules, parameters: new RulesParameters { Buy = Buy, Sell = Sell }), new TradingOptions());

    private Candle[] _candles = [];
    private StreamKey _stream;
    private StreamEngine _engine = null!;

    [GlobalSetup]
    public void Load()
    {
        (_stream, _candles) = MonthOfCandles.Load();
        if (_candles.Length != MonthOfCandles.Minutes)
            throw new InvalidOperationException($"A month of 1-minute candles is {MonthOfCandles.Minutes} candles, not {_candles.Length}.");
    }

    [IterationSetup(Target = nameof(BuiltIn))]
    public void NewBuiltInEngine() => _engine = new StreamEngine(_stream, _builtIn);

    [IterationSetup(Target = nameof(Rules))]
    public void NewRulesEngine() => _engine = new StreamEngine(_stream, _rules);

    [Benchmark(Baseline = true, OperationsPerInvoke = MonthOfCandles.Minutes, Description = "CrossoverRsi (built-in)")]
    [InvocationCount(1)]
    public decimal BuiltIn() => Run();

    [Benchmark(OperationsPerInvoke = MonthOfCandles.Minutes, Description = "Rules (the seed's rule pair)")]
    [InvocationCount(1)]
    public decimal Rules() => Run();

    private decimal Run()
    {
        var engine = _engine;
        var candles = _candles;
        for (var i = 0; i < candles.Length; i++) engine.Apply(candles[i]);
        return engine.Account.Cash;
    }
}
