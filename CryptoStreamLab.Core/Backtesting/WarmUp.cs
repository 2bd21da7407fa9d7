using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// How many candles before a run's first trading candle warm the engine (indicators, never the account). One rule for
/// every run over a range — <c>backtest --from</c> on a file or on the archive, each set of a sweep, each window of a
/// walk-forward — so they all agree: the strategy's own <see cref="IStrategy.WarmUpPeriod"/> (for the seed's, see
/// <see cref="CrossoverRsiStrategy.WarmUpFor"/>).
/// </summary>
public static class WarmUp
{
    public static int CandlesFor(StrategyOptions strategy) => CrossoverRsiStrategy.WarmUpFor(strategy);

    public static int CandlesFor(StrategySetup strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.WarmUpPeriod;
    }

    /// <summary>The longest warm-up of any of <paramref name="sets"/> (what to read before a range for a sweep).</summary>
    public static int CandlesFor(IEnumerable<StrategyOptions> sets) => sets.Select(CandlesFor).DefaultIfEmpty(0).Max();

    /// <summary>The longest warm-up of any of <paramref name="sets"/> (what to read before a range for a sweep).</summary>
    public static int CandlesFor(IEnumerable<StrategySetup> sets) => sets.Select(CandlesFor).DefaultIfEmpty(0).Max();
}
