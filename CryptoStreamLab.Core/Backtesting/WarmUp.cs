using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// How many candles before a run's first trading candle warm the engine (indicators and the crossover's previous side,
/// never the account). One rule for every run over a range — <c>backtest --from</c> on a file or on the archive, each set of
/// a sweep, each window of a walk-forward — so they all agree:
/// <list type="bullet">
/// <item>the slow average at the candle before the first (the crossover compares its side with the first's) needs the
/// <c>SlowPeriod</c> closes before the first candle, which also cover the fast one;</item>
/// <item>the Simple RSI at the first candle needs <c>RsiPeriod</c> changes, so the <c>RsiPeriod</c> closes before it;</item>
/// <item>Wilder's RSI depends on every earlier close with a weight shrinking by <c>1 − 1/RsiPeriod</c> a candle:
/// <see cref="WilderPeriods"/> periods bring the start's influence below 10⁻⁸ (about 2·10⁻⁹ for 14).</item>
/// </list>
/// With the Simple RSI a run warmed on these candles decides exactly as one warmed on the whole history before it.
/// </summary>
public static class WarmUp
{
    /// <summary>Wilder's RSI is warmed over this many RSI periods.</summary>
    public const int WilderPeriods = 20;

    public static int CandlesFor(StrategyOptions strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var rsi = strategy.RsiMethod == RsiMethod.Wilder ? WilderPeriods * strategy.RsiPeriod : strategy.RsiPeriod;
        return Math.Max(strategy.SlowPeriod, rsi);
    }

    /// <summary>The longest warm-up of any of <paramref name="sets"/> (what to read before a range for a sweep).</summary>
    public static int CandlesFor(IEnumerable<StrategyOptions> sets) => sets.Select(CandlesFor).DefaultIfEmpty(0).Max();
}
