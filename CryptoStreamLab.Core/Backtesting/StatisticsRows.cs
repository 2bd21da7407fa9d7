using System.Globalization;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>The statistics as label/value pairs, worded once for the verb's text output and the backtest page.</summary>
public static class StatisticsRows
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<(string Label, string Value)> For(BacktestStatistics s) =>
    [
        ("Net profit", $"{Money(s.NetProfit)} ({Percent(s.NetProfitPct)})"),
        ("Final equity", $"{Money(s.FinalEquity)} (start {Money(s.StartingBalance)})"),
        ("Buy and hold", $"{Money(s.BuyAndHoldProfit)} ({Percent(s.BuyAndHoldProfitPct)})"),
        ("Fills / round trips", $"{s.Fills} / {s.RoundTrips}"),
        ("Win rate", s.WinRatePct is { } w ? $"{Percent(w)} ({s.Wins} won, {s.Losses} lost)" : "n/a (no round trip)"),
        ("Average win / loss", $"{Optional(s.AverageWin)} / {Optional(s.AverageLoss)}"),
        ("Profit factor", s.ProfitFactor is { } pf ? pf.ToString("0.###", Invariant) : "n/a (no losing trip)"),
        ("Max drawdown", $"{Money(s.MaxDrawdown)} ({Percent(s.MaxDrawdownPct)})"),
        ("Sharpe (annualised)", Ratio(s.Sharpe)),
        ("Sortino (annualised)", Ratio(s.Sortino)),
        ("Annualised return", s.AnnualisedReturnPct is { } a ? a.ToString("0.00", Invariant) + " %" : "n/a"),
        ("Calmar", s.Calmar is { } c ? c.ToString("0.00", Invariant) : "n/a (no drawdown)"),
        ("Exposure", Percent(s.ExposurePct)),
        ("Fees paid", Money(s.FeesPaid)),
    ];

    /// <summary>One aligned line per statistic.</summary>
    public static string ToText(BacktestStatistics statistics)
    {
        var rows = For(statistics);
        var width = rows.Max(r => r.Label.Length);
        return string.Join(Environment.NewLine, rows.Select(r => $"  {r.Label.PadRight(width)}  {r.Value}"));
    }

    public static string Money(decimal value) => value.ToString("#,0.00", Invariant);

    public static string Percent(decimal value) => value.ToString("0.00", Invariant) + " %";

    private static string Optional(decimal? value) => value is { } v ? Money(v) : "n/a";

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", Invariant) : "n/a (flat equity)";
}
