using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>One parameter set's outcome; <see cref="Index"/> is its place in the grid.</summary>
public sealed record SweepResult(int Index, StrategySetup Setup, BacktestStatistics Statistics);

/// <summary>
/// Backtests many parameter sets over the same candles, in parallel. Each set gets its own engine and
/// account; the candle array is only read, so every worker shares it.
/// </summary>
public static class ParameterSweep
{
    /// <param name="baseline">Trading terms and buffer size every set shares; its strategy is replaced by each set's.</param>
    /// <param name="sets">Parameter sets of any strategy, e.g. a <see cref="ParameterGrid"/>'s.</param>
    /// <param name="maxDegreeOfParallelism">Workers; -1 uses every core.</param>
    /// <param name="onSetDone">Called (from any worker thread) after each set, with the number done so far.</param>
    /// <returns>Best net profit first; equal profits keep grid order so the ranking is reproducible.</returns>
    public static SweepResult[] Run(
        StreamKey stream,
        EngineSettings baseline,
        IReadOnlyList<StrategySetup> sets,
        Candle[] candles,
        int maxDegreeOfParallelism = -1,
        Action<int>? onSetDone = null,
        CancellationToken cancellationToken = default) =>
        Run(stream, baseline, sets, candles, TimeWindow.All, maxDegreeOfParallelism, onSetDone, cancellationToken);

    /// <summary>Every set traded over <paramref name="window"/>, each warmed as <see cref="Backtester"/> warms a run over a window.</summary>
    /// <returns>Best net profit first; equal profits keep grid order so the ranking is reproducible.</returns>
    public static SweepResult[] Run(
        StreamKey stream,
        EngineSettings baseline,
        IReadOnlyList<StrategySetup> sets,
        Candle[] candles,
        TimeWindow window,
        int maxDegreeOfParallelism = -1,
        Action<int>? onSetDone = null,
        CancellationToken cancellationToken = default)
    {
        var results = RunInGridOrder(stream, baseline, sets, candles, window, maxDegreeOfParallelism, onSetDone, cancellationToken);
        Array.Sort(results, static (a, b) =>
        {
            var byProfit = b.Statistics.NetProfit.CompareTo(a.Statistics.NetProfit);
            return byProfit != 0 ? byProfit : a.Index.CompareTo(b.Index);
        });
        return results;
    }

    /// <summary>The same runs, unranked: element i is set i's result.</summary>
    public static SweepResult[] RunInGridOrder(
        StreamKey stream,
        EngineSettings baseline,
        IReadOnlyList<StrategySetup> sets,
        Candle[] candles,
        TimeWindow window,
        int maxDegreeOfParallelism = -1,
        Action<int>? onSetDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(candles);

        var results = new SweepResult[sets.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, sets.Count, options, i =>
        {
            var summary = Backtester.Run(stream, baseline.With(sets[i]), candles, window, cancellationToken: cancellationToken);
            results[i] = new SweepResult(i, sets[i], summary.Statistics);
            onSetDone?.Invoke(Interlocked.Increment(ref done));
        });
        return results;
    }
}
