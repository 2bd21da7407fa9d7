using BenchmarkDotNet.Attributes;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// The engine over a month of closed candles with each built-in strategy alone, and with all five on one stream (a book
/// each, fed the same candle in turn, as a live stream does). Results are per candle; for the five, per candle and
/// strategy is the figure divided by five. Every run starts from fresh engines, so warm-up is included.
/// </summary>
[MemoryDiagnoser]
public class StrategyBenchmarks
{
    private StreamKey _stream;
    private Candle[] _candles = [];
    private StreamEngine[] _engines = [];

    private static readonly string[] Five = ["CrossoverRsi", "BollingerReversion", "MacdTrend", "Rsi2Reversal", "DonchianBreakout"];

    [Params("CrossoverRsi", "BollingerReversion", "MacdTrend", "Rsi2Reversal", "DonchianBreakout", "All five")]
    public string Strategy { get; set; } = "";

    [GlobalSetup]
    public void Load() => (_stream, _candles) = MonthOfCandles.Load();

    [IterationSetup]
    public void NewEngines() =>
        _engines = BuiltInStrategies.All
            .Where(d => Strategy == "All five" ? Five.Contains(d.Name) : d.Name == Strategy)
            .Select(d => new StreamEngine(_stream, EngineSettings.For(new StrategySetup(d), new TradingOptions())))
            .ToArray();

    [Benchmark(OperationsPerInvoke = MonthOfCandles.Minutes)]
    [InvocationCount(1)]
    public decimal Month()
    {
        var engines = _engines;
        var candles = _candles;
        for (var i = 0; i < candles.Length; i++)
        {
            for (var e = 0; e < engines.Length; e++) engines[e].Apply(candles[i]);
        }

        return engines[0].Account.Cash;
    }
}
