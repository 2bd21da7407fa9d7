using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>How a walk-forward chooses: the window lengths, the objective and the fewest round trips an eligible set made.</summary>
public sealed record WalkForwardSettings(WalkForwardSpec Spec, WalkForwardObjective Objective = WalkForwardObjective.NetProfit, int MinTrades = 1)
{
    public IEnumerable<string> Validate(KlineInterval interval)
    {
        foreach (var problem in Spec.Validate(interval)) yield return problem;
        if (MinTrades < 0) yield return $"the minimum number of round trips must be 0 or more (is {MinTrades}).";
    }
}

/// <summary>
/// One fold: the set chosen on its train window (null when none was eligible; then nothing traded in its test window) and
/// how it did there (in sample) and in the test window (out of sample, warmed on the candles before it, account fresh).
/// Returns per day are simple: net profit % / the window's length in days (a partial test window counts its own length).
/// </summary>
/// <param name="ChosenIndex">The chosen set's place in the grid, or null.</param>
/// <param name="ObjectiveValue">The chosen set's objective on the train window (+∞ for a profit factor without a losing trip).</param>
public sealed record WalkForwardFold(
    FoldWindows Windows,
    int EligibleSets,
    int? ChosenIndex,
    StrategySetup? Chosen,
    double? ObjectiveValue,
    BacktestStatistics? InSample,
    BacktestStatistics OutOfSample)
{
    public double TrainDays => Days(Windows.Train);

    public double TestDays => Days(Windows.Test);

    public double? InSampleReturnPerDayPct => InSample is { } s ? (double)s.NetProfitPct / TrainDays : null;

    public double OutOfSampleReturnPerDayPct => (double)OutOfSample.NetProfitPct / TestDays;

    /// <summary>Out-of-sample return per day over in-sample return per day; null without a chosen set or when in sample did not gain.</summary>
    public double? Efficiency => WalkForwardResult.EfficiencyOf(OutOfSampleReturnPerDayPct, InSampleReturnPerDayPct);

    internal static double Days(TimeWindow window) => (window.To - window.From) / (double)TimeSpan.MillisecondsPerDay;
}

/// <summary>
/// A whole walk-forward: every fold, and the out-of-sample equity chained across them (see <see cref="OutOfSampleChain"/>).
/// </summary>
/// <param name="Sets">Parameter sets tried on every train window.</param>
/// <param name="OutOfSampleDays">The chained segments' total length (a fold's segment ends where the next fold's test window starts).</param>
/// <param name="Parameters">The parameters a chosen set is shown by (<see cref="GridParameters.Shown"/>): text, CSV, JSON and the page.</param>
public sealed record WalkForwardResult(
    StreamKey Stream,
    WalkForwardSettings Settings,
    int Sets,
    IReadOnlyList<WalkForwardFold> Folds,
    BacktestStatistics OutOfSample,
    IReadOnlyList<ChainPoint> Curve,
    double OutOfSampleDays,
    TimeSpan Elapsed,
    IReadOnlyList<GridParameter> Parameters)
{
    /// <summary>The chained out-of-sample net profit % / <see cref="OutOfSampleDays"/>.</summary>
    public double OutOfSampleReturnPerDayPct => OutOfSampleDays > 0 ? (double)OutOfSample.NetProfitPct / OutOfSampleDays : 0;

    /// <summary>The mean of the in-sample returns per day of the folds that chose a set; null when none did.</summary>
    public double? InSampleReturnPerDayPct
    {
        get
        {
            var values = Folds.Select(f => f.InSampleReturnPerDayPct).OfType<double>().ToList();
            return values.Count > 0 ? values.Average() : null;
        }
    }

    /// <summary>Walk-forward efficiency: <see cref="OutOfSampleReturnPerDayPct"/> / <see cref="InSampleReturnPerDayPct"/>.</summary>
    public double? Efficiency => EfficiencyOf(OutOfSampleReturnPerDayPct, InSampleReturnPerDayPct);

    /// <summary>Out of sample over in sample; null when in sample is missing or did not gain (a ratio to a loss means nothing).</summary>
    public static double? EfficiencyOf(double outOfSample, double? inSample) => inSample is > 0 and var i ? outOfSample / i : null;
}
