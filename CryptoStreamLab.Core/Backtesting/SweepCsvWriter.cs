using System.Globalization;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes a sweep's results, one row per parameter set in the order given (rank 1 first), invariant culture,
/// an empty cell where a statistic is undefined (no round trip, no loss, flat equity).
/// </summary>
public sealed class SweepCsvWriter(TextWriter writer)
{
    public const string Header =
        "rank,fast,slow,rsi_period,rsi_method,buy_rsi_min,buy_rsi_max,sell_rsi_min," +
        "net_profit,net_profit_pct,final_equity,fills,round_trips,wins,losses,win_rate_pct,average_win,average_loss," +
        "profit_factor,max_drawdown,max_drawdown_pct,sharpe,sortino,exposure_pct,fees_paid,buy_and_hold_profit_pct";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Write(IReadOnlyList<SweepResult> ranked)
    {
        writer.WriteLine(Header);
        for (var i = 0; i < ranked.Count; i++)
        {
            var (p, s) = (ranked[i].Parameters, ranked[i].Statistics);
            writer.Write((i + 1).ToString(Invariant));
            Cell(p.FastPeriod);
            Cell(p.SlowPeriod);
            Cell(p.RsiPeriod);
            Cell(p.RsiMethod.ToString());
            Cell(p.BuyRsiMin);
            Cell(p.BuyRsiMax);
            Cell(p.SellRsiMin);
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
