using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// A trading strategy as the engine runs it, live and in backtests: fed every closed candle in order, it owns its
/// indicators and answers BUY, SELL or HOLD with a reason. The engine, paper account, stops, fees, ledger and backtester
/// work the same for every implementation. A strategy is built once per (stream, strategy) from its parameters (a
/// constructor taking one parameter object, see <see cref="StrategyDefinition"/>) and is driven by one thread.
/// </summary>
/// <remarks>
/// <see cref="OnCandle"/> and <see cref="Preview"/> run on the hot path: they should not allocate (reasons are constant
/// strings). A strategy never sees the account: when to buy or sell is its job, whether it can is the account's (a BUY
/// while long and a SELL while flat do nothing).
/// </remarks>
public interface IStrategy
{
    /// <summary>The series it wants drawn, over the candles or in a panel of their own, at most <see cref="SeriesValues.Capacity"/>.</summary>
    IReadOnlyList<SeriesSpec> Series { get; }

    /// <summary>
    /// Closed candles it needs before its decisions are what they would be with the whole history (LEAN's
    /// <c>WarmUpPeriod</c>): a backtest over a range reads this many candles before the range to warm it.
    /// </summary>
    int WarmUpPeriod { get; }

    /// <summary>Takes a closed candle, writes its series' values (NaN while not ready) and decides.</summary>
    StrategyDecision OnCandle(in Candle candle, Span<double> series);

    /// <summary>
    /// What it would say if the open <paramref name="candle"/> closed now, for display only: nothing is committed and the
    /// account never acts on it. The default shows no values and holds.
    /// </summary>
    StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        series.Fill(double.NaN);
        return StrategyDecision.Hold;
    }
}
