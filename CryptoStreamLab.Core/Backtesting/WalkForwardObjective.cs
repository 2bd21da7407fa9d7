namespace CryptoStreamLab.Core.Backtesting;

/// <summary>What a walk-forward fold maximises on its train window to choose a parameter set.</summary>
public enum WalkForwardObjective
{
    NetProfit,
    Sharpe,
    Sortino,
    Calmar,
    ProfitFactor,
}

/// <summary>
/// Names, values and ranking of <see cref="WalkForwardObjective"/>. A set is eligible when it made at least the minimum
/// number of round trips and its objective is defined; profit factor with winning trips and no losing one counts as
/// infinite (the best there is). Among eligible sets the highest value wins; equal values go to the set that comes
/// first in grid order.
/// </summary>
public static class WalkForwardObjectives
{
    private static readonly string[] NameTable = ["net-profit", "sharpe", "sortino", "calmar", "profit-factor"];

    /// <summary>The command-line names, in enum order.</summary>
    public static IReadOnlyList<string> Names => NameTable;

    public static string ToName(this WalkForwardObjective objective) => NameTable[(int)objective];

    /// <exception cref="FormatException">Not one of <see cref="Names"/>.</exception>
    public static WalkForwardObjective Parse(string? text)
    {
        var index = text is null ? -1 : Array.FindIndex(NameTable, n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? (WalkForwardObjective)index
            : throw new FormatException($"'{text}' is not an objective; use one of {string.Join(", ", NameTable)}.");
    }

    /// <summary>The objective's value for a run; null when it is undefined (then the set is not eligible).</summary>
    public static double? ValueOf(this WalkForwardObjective objective, BacktestStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return objective switch
        {
            WalkForwardObjective.NetProfit => (double)statistics.NetProfit,
            WalkForwardObjective.Sharpe => statistics.Sharpe,
            WalkForwardObjective.Sortino => statistics.Sortino,
            WalkForwardObjective.Calmar => statistics.Calmar,
            WalkForwardObjective.ProfitFactor => statistics.ProfitFactor is { } pf ? (double)pf
                : statistics.Wins > 0 && statistics.Losses == 0 ? double.PositiveInfinity : null,
            _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, null),
        };
    }

    /// <summary>
    /// The best eligible result of <paramref name="resultsInGridOrder"/> (element i = set i), or null when none is eligible;
    /// also how many were.
    /// </summary>
    public static (SweepResult? Best, double? Value, int Eligible) Choose(
        this WalkForwardObjective objective, IReadOnlyList<SweepResult> resultsInGridOrder, int minRoundTrips)
    {
        ArgumentNullException.ThrowIfNull(resultsInGridOrder);
        SweepResult? best = null;
        double? bestValue = null;
        var eligible = 0;
        foreach (var result in resultsInGridOrder)
        {
            if (result.Statistics.RoundTrips < minRoundTrips || objective.ValueOf(result.Statistics) is not { } value || double.IsNaN(value)) continue;
            eligible++;
            // Strictly better only: a tie keeps the set found first, the earlier one in grid order.
            if (best is not null && !(value > bestValue!.Value) && !IsExactlyBetter(objective, result, best, value, bestValue.Value)) continue;
            (best, bestValue) = (result, value);
        }

        return (best, bestValue, eligible);
    }

    // Net profit is decimal: two profits a double cannot tell apart are still ranked exactly.
    private static bool IsExactlyBetter(WalkForwardObjective objective, SweepResult candidate, SweepResult best, double value, double bestValue) =>
        objective == WalkForwardObjective.NetProfit && value == bestValue && candidate.Statistics.NetProfit > best.Statistics.NetProfit;
}
