using System.Globalization;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes a sweep's results, one row per parameter set in the order given (rank 1 first): the rank, a column per parameter
/// a grid can vary (<see cref="GridParameters.Sweepable"/>, e.g. <c>fast,slow,rsi_period,…</c>), then the statistics;
/// invariant culture, an empty cell where a statistic is undefined (no round trip, no loss, flat equity).
/// </summary>
public sealed class SweepCsvWriter(TextWriter writer)
{
    private const string Statistics =
        "net_profit,net_profit_pct,final_equity,fills,round_trips,wins,losses,win_rate_pct,average_win,average_loss," +
        "profit_factor,max_drawdown,max_drawdown_pct,sharpe,sortino,exposure_pct,fees_paid,buy_and_hold_profit_pct";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The header of a sweep of the seed's strategy.</summary>
    public static string Header { get; } = HeaderFor(BuiltInStrategies.CrossoverRsi);

    /// <summary>The header of a sweep of <paramref name="definition"/>'s parameters.</summary>
    public static string HeaderFor(StrategyDefinition definition) =>
        string.Join(",", ["rank", .. GridParameters.Sweepable(definition).Select(p => p.Column), Statistics]);

    /// <param name="definition">The strategy swept; null: the first result's (the seed's when there is none).</param>
    public void Write(IReadOnlyList<SweepResult> ranked, StrategyDefinition? definition = null)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        definition ??= ranked.Count > 0 ? ranked[0].Setup.Definition : BuiltInStrategies.CrossoverRsi;
        var columns = GridParameters.Sweepable(definition);
        writer.WriteLine(HeaderFor(definition));
        for (var i = 0; i < ranked.Count; i++)
        {
            var (p, s) = (ranked[i].Setup, ranked[i].Statistics);
            writer.Write((i + 1).ToString(Invariant));
            foreach (var column in columns) Cell(column.ValueText(p));
            Cell(s.NetProfit);
            Cell(s.NetProfitPct);
            Cell(s.FinalEquity);
            Cell(s.Fills);
            Cell(s.RoundTrips);
            Cell(s.Wins);
            Cell(s.Losses);
            Optional(s.WinRatePct);
            Optional(s.AverageWin);
            Optional(s.AverageLoss);
            Optional(s.ProfitFactor);
            Cell(s.MaxDrawdown);
            Cell(s.MaxDrawdownPct);
            Optional(s.Sharpe);
            Optional(s.Sortino);
            Cell(s.ExposurePct);
            Cell(s.FeesPaid);
            Cell(s.BuyAndHoldProfitPct);
            writer.WriteLine();
        }
    }

    private void Cell<T>(T value) where T : IFormattable
    {
        writer.Write(',');
        writer.Write(value.ToString(null, Invariant));
    }

    private void Cell(decimal value)
    {
        writer.Write(',');
        writer.Write(BacktestCsvWriter.WithoutTrailingZeros(value).ToString(Invariant));
    }

    private void Optional(decimal? value)
    {
        if (value is { } v) Cell(v);
        else writer.Write(',');
    }

    private void Optional<T>(T? value) where T : struct, IFormattable
    {
        if (value is { } v) Cell(v);
        else writer.Write(',');
    }

    private void Cell(string value)
    {
        writer.Write(',');
        writer.Write(value);
    }
}
