using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Tests.Core.Strategy;

/// <summary>Hand-made candles and a strategy driven over them the way the engine does, keeping every decision and series.</summary>
public static class StrategyRun
{
    private const long Origin = 1_769_904_000_000; // 2026-02-01 00:00 UTC

    /// <summary>A closed one-minute candle; high and low default to the close.</summary>
    public static Candle Bar(int minute, decimal close, decimal? high = null, decimal? low = null)
    {
        var open = Origin + minute * 60_000L;
        return new Candle("TESTUSDT", KlineInterval.OneMinute, open, open + 59_999, close, high ?? close, low ?? close, close, 1m, close, 1, true);
    }

    /// <summary>Candles with these closes, one a minute.</summary>
    public static List<Candle> Closes(IEnumerable<decimal> closes) => closes.Select((close, i) => Bar(i, close)).ToList();

    public static List<(StrategyDecision Decision, SeriesValues Series)> Run(IStrategy strategy, IEnumerable<Candle> candles)
    {
        var result = new List<(StrategyDecision, SeriesValues)>();
        foreach (var candle in candles)
        {
            var series = SeriesValues.Empty;
            var decision = strategy.OnCandle(candle, series);
            result.Add((decision, series));
        }

        return result;
    }

    /// <summary>The signals, with the index of each candle that was not HOLD.</summary>
    public static List<(int Index, Signal Signal)> Signals(IEnumerable<(StrategyDecision Decision, SeriesValues Series)> run) =>
        run.Select((r, i) => (i, r.Decision.Signal)).Where(x => x.Signal != Signal.Hold).ToList();
}
