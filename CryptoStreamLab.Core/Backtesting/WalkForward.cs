using System.Diagnostics;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Walk-forward analysis: for each fold, run the grid on the train window, choose the best set by the objective, then run
/// that set on the test window that follows. Every run is a <see cref="Backtester"/> run over its window, warmed on the
/// candles before it (<see cref="WarmUp"/>) with a fresh account, so a fold's choice depends only on candles opening
/// before its test window, and its out-of-sample run equals a backtest of the chosen set over the test window.
/// </summary>
public static class WalkForward
{
    /// <summary>
    /// The folds over <paramref name="candles"/> (in time order) within <paramref name="range"/>: they start at the first
    /// candle opening in the range and end at the range's end or one interval after the last candle, whichever is first.
    /// Empty when the range has no candle or the data is not longer than the train window.
    /// </summary>
    public static IReadOnlyList<FoldWindows> Plan(IReadOnlyList<Candle> candles, KlineInterval interval, TimeWindow range, WalkForwardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(spec);
        var first = CandleWindow.IndexAtOrAfter(candles, range.From);
        var end = CandleWindow.IndexAtOrAfter(candles, range.To);
        if (first >= end) return [];
        var dataEnd = Math.Min(range.To, interval.NextOpenTime(candles[end - 1].OpenTime));
        return spec.Folds(candles[first].OpenTime, dataEnd);
    }

    /// <param name="baseline">Trading terms and buffer size every run shares; its strategy is replaced by each set's.</param>
    /// <param name="sets">Parameter sets of one strategy, e.g. a <see cref="ParameterGrid"/>'s.</param>
    /// <param name="onProgress">Called with the fraction of runs done (0–1), from worker threads.</param>
    /// <exception cref="ArgumentException">No fold fits the data (see <see cref="Plan"/>).</exception>
    public static WalkForwardResult Run(
        StreamKey stream,
        EngineSettings baseline,
        IReadOnlyList<StrategySetup> sets,
        Candle[] candles,
        TimeWindow range,
        WalkForwardSettings settings,
        Action<double>? onProgress = null,
        int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        var plan = Plan(candles, stream.Interval, range, settings.Spec);
        if (plan.Count == 0) throw new ArgumentException($"no {settings.Spec} fold fits the candles: the data must be longer than the train window.");

        var runs = plan.Count * (sets.Count + 1);
        var runsBefore = 0;
        var chain = new OutOfSampleChain(stream.Interval, baseline.Trading);
        var folds = new List<WalkForwardFold>(plan.Count);
        for (var i = 0; i < plan.Count; i++)
        {
            var windows = plan[i];
            var train = ParameterSweep.RunInGridOrder(stream, baseline, sets, candles, windows.Train, maxDegreeOfParallelism,
                done => onProgress?.Invoke((double)(runsBefore + done) / runs), cancellationToken);
            var (best, value, eligible) = settings.Objective.Choose(train, settings.MinTrades);

            // The chain takes this fold's test run until the next fold's test window starts (all of it unless they overlap).
            var segmentEnd = i + 1 < plan.Count ? Math.Min(windows.Test.To, plan[i + 1].Test.From) : windows.Test.To;
            chain.StartSegment(windows.Test with { To = segmentEnd });
            void ToChain(Evaluation e)
            {
                if (e.Candle.OpenTime < segmentEnd) chain.Add(e);
            }

            var outOfSample = best is null
                ? HoldCash(stream.Interval, baseline, candles, windows.Test, ToChain)
                : Backtester.Run(stream, baseline.With(best.Setup), candles, windows.Test, ToChain, cancellationToken).Statistics;
            folds.Add(new WalkForwardFold(windows, eligible, best?.Index, best?.Setup, value, best?.Statistics, outOfSample));
            runsBefore += sets.Count + 1;
            onProgress?.Invoke((double)runsBefore / runs);
        }

        clock.Stop();
        var shown = GridParameters.Shown(sets.Count > 0 ? sets[0].Definition : baseline.Setup.Definition, sets);
        return new WalkForwardResult(stream, settings, sets.Count, folds, chain.Statistics(), chain.Curve, chain.Days, clock.Elapsed, shown);
    }

    /// <summary>A test window without a chosen set: the fresh account keeps its cash, no trade (buy and hold is still measured).</summary>
    private static BacktestStatistics HoldCash(KlineInterval interval, EngineSettings baseline, Candle[] candles, TimeWindow window, Action<Evaluation> onEvaluation)
    {
        var statistics = new StatisticsAccumulator(interval, baseline.Trading);
        var cash = baseline.Trading.StartingBalance;
        foreach (var candle in CandleWindow.Select(candles, window, warmUp: 0))
        {
            var evaluation = new Evaluation(candle with { IsClosed = true }, SeriesValues.Empty, Signal.Hold, Signal.Hold, null, cash, 0m, cash, IsPreview: false);
            statistics.Add(evaluation);
            onEvaluation(evaluation);
        }

        return statistics.Result();
    }
}
