using System.Globalization;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>A walk-forward's text summary, as <c>backtest --walk-forward</c> prints it: a line per window, then the chained run.</summary>
public static class WalkForwardText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(WalkForwardResult result, ParameterGrid grid, int candles, TextWriter output)
    {
        var settings = result.Settings;
        output.WriteLine(string.Create(Invariant,
            $"{result.Stream}: walk-forward {settings.Spec} over {candles} candles, {result.Folds.Count} folds × {result.Sets} parameter sets " +
            $"chosen by {settings.Objective.ToName()} (at least {settings.MinTrades} round {(settings.MinTrades == 1 ? "trip" : "trips")}) in {result.Elapsed.TotalSeconds:0.00} s"));
        if (grid.Skipped > 0) output.WriteLine($"skipped {grid.Skipped} invalid combinations, e.g. {grid.FirstSkipReason}");

        foreach (var fold in result.Folds)
        {
            var w = fold.Windows;
            var partial = w.Partial ? $" (partial: {WalkForwardSpec.Format(TimeSpan.FromMilliseconds(w.Test.To - w.Test.From))} of {WalkForwardSpec.Format(settings.Spec.Test)}, the data ends)" : "";
            output.WriteLine($"fold {w.Number}: train {Window(w.Train)}, test {Window(w.Test)}{partial}");
            if (fold.Chosen is { } chosen)
            {
                output.WriteLine($"  chosen {GridParameters.Describe(chosen, result.Parameters)} ({settings.Objective.ToName()} {Value(fold.ObjectiveValue)}; {fold.EligibleSets} of {result.Sets} sets eligible)");
                output.WriteLine($"  in sample:     {Brief(fold.InSample!)}");
            }
            else
            {
                output.WriteLine($"  no eligible set: none of {result.Sets} made at least {settings.MinTrades} round trips with a defined {settings.Objective.ToName()}; no trade");
            }

            output.WriteLine($"  out of sample: {Brief(fold.OutOfSample)}");
        }

        output.WriteLine(string.Create(Invariant, $"out of sample, chained over {result.OutOfSampleDays:0.##} days:"));
        output.WriteLine(StatisticsRows.ToText(result.OutOfSample));
        output.WriteLine(result.Efficiency is { } efficiency
            ? string.Create(Invariant, $"walk-forward efficiency: {efficiency:0.00} (out of sample {result.OutOfSampleReturnPerDayPct:0.####} %/day over in sample {result.InSampleReturnPerDayPct:0.####} %/day)")
            : string.Create(Invariant, $"walk-forward efficiency: n/a (in sample {(result.InSampleReturnPerDayPct is { } i ? i.ToString("0.####", Invariant) + " %/day" : "chose no set")}, not a gain to compare with)"));
    }

    /// <summary>A chosen set as the summary shows it: <c>key=value</c> for each of the result's <see cref="WalkForwardResult.Parameters"/>.</summary>
    public static string Parameters(StrategySetup chosen, WalkForwardResult result) => GridParameters.Describe(chosen, result.Parameters);

    /// <summary>An objective's value: 4 significant decimals, ∞ for a profit factor without a losing trip.</summary>
    public static string Value(double? value) => value switch
    {
        null => "n/a",
        double.PositiveInfinity => "∞",
        { } v => v.ToString("0.####", Invariant),
    };

    private static string Window(TimeWindow window) => $"{TimeWindow.FormatTime(window.From)} to {TimeWindow.FormatTime(window.To)}";

    private static string Brief(BacktestStatistics s) => string.Create(Invariant,
        $"net {StatisticsRows.Money(s.NetProfit)} ({StatisticsRows.Percent(s.NetProfitPct)}), {s.RoundTrips} round trips, " +
        $"max drawdown {StatisticsRows.Percent(s.MaxDrawdownPct)}, Sharpe {(s.Sharpe is { } sh ? sh.ToString("0.00", Invariant) : "n/a")}");
}
