using System.Globalization;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes a walk-forward's folds, one row each, invariant culture, ISO-8601 UTC times, an empty cell where a value is
/// undefined (no chosen set, no round trip, flat equity). The chosen set's parameters are the result's
/// <see cref="WalkForwardResult.Parameters"/> (the seed's: <c>fast,slow,rsi_period,buy_rsi_min,buy_rsi_max,sell_rsi_min</c>);
/// <c>is_</c> columns are the chosen set on the train window, <c>oos_</c> columns its run on the test window.
/// </summary>
public sealed class WalkForwardCsvWriter(TextWriter writer)
{
    private const string Windows = "fold,train_from,train_to,test_from,test_to,partial,test_candles,eligible_sets";

    private const string Runs =
        "objective_value,is_net_profit,is_net_profit_pct,is_round_trips,is_max_drawdown_pct,is_sharpe,is_sortino,is_calmar,is_profit_factor," +
        "oos_net_profit,oos_net_profit_pct,oos_fills,oos_round_trips,oos_max_drawdown_pct,oos_sharpe,oos_sortino,oos_calmar,oos_profit_factor," +
        "oos_buy_and_hold_profit_pct,is_return_per_day_pct,oos_return_per_day_pct,efficiency";

    /// <summary>The header of a walk-forward over a grid of the seed's numbers.</summary>
    public static string Header { get; } = HeaderFor(GridParameters.Shown(BuiltInStrategies.CrossoverRsi, []));

    public static string HeaderFor(IReadOnlyList<GridParameter> parameters) =>
        string.Join(",", [Windows, .. parameters.Select(p => p.Column), Runs]);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private bool _first = true;

    public void Write(WalkForwardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine(HeaderFor(result.Parameters));
        foreach (var fold in result.Folds)
        {
            _first = true;
            var (w, p, s, o) = (fold.Windows, fold.Chosen, fold.InSample, fold.OutOfSample);
            Cell(w.Number.ToString(Invariant));
            Cell(TimeWindow.FormatTime(w.Train.From));
            Cell(TimeWindow.FormatTime(w.Train.To));
            Cell(TimeWindow.FormatTime(w.Test.From));
            Cell(TimeWindow.FormatTime(w.Test.To));
            Cell(w.Partial ? "true" : "false");
            Cell(o.Candles.ToString(Invariant));
            Cell(fold.EligibleSets.ToString(Invariant));
            foreach (var parameter in result.Parameters) Cell(p is null ? "" : parameter.ValueText(p));
            Cell(fold.ObjectiveValue);
            Cell(s?.NetProfit);
            Cell(s?.NetProfitPct);
            Cell(s?.RoundTrips);
            Cell(s?.MaxDrawdownPct);
            Cell(s?.Sharpe);
            Cell(s?.Sortino);
            Cell(s?.Calmar);
            Cell(s?.ProfitFactor);
            Cell(o.NetProfit);
            Cell(o.NetProfitPct);
            Cell(o.Fills);
            Cell(o.RoundTrips);
            Cell(o.MaxDrawdownPct);
            Cell(o.Sharpe);
            Cell(o.Sortino);
            Cell(o.Calmar);
            Cell(o.ProfitFactor);
            Cell(o.BuyAndHoldProfitPct);
            Cell(fold.InSampleReturnPerDayPct);
            Cell(fold.OutOfSampleReturnPerDayPct);
            Cell(fold.Efficiency);
            writer.WriteLine();
        }
    }

    private void Cell(string value)
    {
        if (!_first) writer.Write(',');
        _first = false;
        writer.Write(value);
    }

    private void Cell(int? value) => Cell(value?.ToString(Invariant) ?? "");

    // "R" round-trips; an infinite profit factor is written as "inf".
    private void Cell(double? value) => Cell(value switch
    {
        null => "",
        double.PositiveInfinity => "inf",
        { } v => v.ToString("R", Invariant),
    });

    private void Cell(decimal? value) => Cell(value is { } v ? BacktestCsvWriter.WithoutTrailingZeros(v).ToString(Invariant) : "");
}
