using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// How a run did, live or backtest, computed from its committed evaluations in order
/// (see <see cref="StatisticsAccumulator"/> for the per-candle bookkeeping).
/// Notation: E₀ is the starting balance, Eₜ the equity at candle t's close (t = 1…N), money in decimal.
/// Percentages are in percent (12.5 means 12.5 %).
/// </summary>
/// <param name="Candles">N, the committed candles evaluated.</param>
/// <param name="StartingBalance">E₀.</param>
/// <param name="FinalEquity">E_N: cash + quantity × last close (E₀ when there are no candles).</param>
/// <param name="NetProfit">E_N − E₀.</param>
/// <param name="NetProfitPct">(E_N − E₀) / E₀ × 100.</param>
/// <param name="Fills">Buys and sells filled (strategy signals and risk exits).</param>
/// <param name="RoundTrips">Sells that closed a position bought within the same run; a position still open at the end is not one.</param>
/// <param name="Wins">Round trips whose profit is above zero. A round trip's profit is
/// (sell price × quantity − sell fee) − (buy price × quantity + buy fee): both fees count.</param>
/// <param name="Losses">Round trips whose profit is below zero (a break-even trip is neither).</param>
/// <param name="WinRatePct">Wins / round trips × 100; null without round trips.</param>
/// <param name="AverageWin">Sum of winning profits / wins; null without wins.</param>
/// <param name="AverageLoss">Sum of losing profits / losses, a negative number; null without losses.</param>
/// <param name="ProfitFactor">Gross profit / |gross loss|; null when there is no loss to divide by.</param>
/// <param name="MaxDrawdown">max over t of (Pₜ − Eₜ), where Pₜ = max(E₀, E₁ … Eₜ) is the running peak.</param>
/// <param name="MaxDrawdownPct">max over t of (Pₜ − Eₜ) / Pₜ × 100. Its own maximum: it may fall on another candle than <see cref="MaxDrawdown"/>.</param>
/// <param name="Sharpe">
/// Annualised Sharpe ratio with a risk-free rate of 0, from per-candle equity returns rₜ = Eₜ / Eₜ₋₁ − 1 (t = 1…N):
/// mean μ = Σrₜ / N, sample standard deviation σ = √(Σ(rₜ − μ)² / (N − 1)), Sharpe = μ / σ × √<see cref="PeriodsPerYear"/>.
/// Null when N &lt; 2 or σ = 0 (flat equity, e.g. no trade).
/// </param>
/// <param name="Sortino">
/// Annualised Sortino ratio with a target return of 0: downside deviation D = √(Σ min(rₜ, 0)² / N) over all N returns,
/// Sortino = μ / D × √<see cref="PeriodsPerYear"/>. Null when N &lt; 2 or D = 0 (no losing candle).
/// </param>
/// <param name="PeriodsPerYear">Candles in a year: 365 days / the interval's nominal duration (crypto trades every day), 525,600 for 1m.</param>
/// <param name="ExposurePct">Candles at whose close a position was held / N × 100.</param>
/// <param name="FeesPaid">Sum of every fill's fee.</param>
/// <param name="BuyAndHoldEquity">Buy with the whole starting balance at the first close under the same fee and
/// quantity-step rules as the account, valued at the last close (cash left + quantity × last close).</param>
/// <param name="BuyAndHoldProfitPct">(buy-and-hold equity − E₀) / E₀ × 100.</param>
public sealed record BacktestStatistics(
    int Candles,
    decimal StartingBalance,
    decimal FinalEquity,
    decimal NetProfit,
    decimal NetProfitPct,
    int Fills,
    int RoundTrips,
    int Wins,
    int Losses,
    decimal? WinRatePct,
    decimal? AverageWin,
    decimal? AverageLoss,
    decimal? ProfitFactor,
    decimal MaxDrawdown,
    decimal MaxDrawdownPct,
    double? Sharpe,
    double? Sortino,
    double PeriodsPerYear,
    decimal ExposurePct,
    decimal FeesPaid,
    decimal BuyAndHoldEquity,
    decimal BuyAndHoldProfitPct)
{
    public decimal BuyAndHoldProfit => BuyAndHoldEquity - StartingBalance;

    /// <summary>
    /// Compound annual growth over the run's N candles, in percent: ((E_N / E₀)^(<see cref="PeriodsPerYear"/> / N) − 1) × 100.
    /// Null without candles, or when a short run's growth raised to a year's worth of runs is beyond a double.
    /// </summary>
    public double? AnnualisedReturnPct
    {
        get
        {
            if (Candles == 0 || StartingBalance <= 0 || FinalEquity <= 0) return null;
            var growth = Math.Pow((double)(FinalEquity / StartingBalance), PeriodsPerYear / Candles);
            return double.IsFinite(growth) ? (growth - 1) * 100 : null;
        }
    }

    /// <summary>Calmar ratio: <see cref="AnnualisedReturnPct"/> / <see cref="MaxDrawdownPct"/>; null when either is undefined or there was no drawdown.</summary>
    public double? Calmar => AnnualisedReturnPct is { } annual && MaxDrawdownPct > 0 ? annual / (double)MaxDrawdownPct : null;

    /// <summary>The statistics of evaluations taken in order from one account that started at <see cref="TradingOptions.StartingBalance"/>
    /// (a live stream's history, or a run recorded elsewhere).</summary>
    public static BacktestStatistics Compute(IEnumerable<Evaluation> evaluations, KlineInterval interval, TradingOptions trading)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var accumulator = new StatisticsAccumulator(interval, trading);
        foreach (var evaluation in evaluations) accumulator.Add(evaluation);
        return accumulator.Result();
    }

    /// <summary>365 days over the interval's nominal length.</summary>
    public static double PeriodsPerYearOf(KlineInterval interval) =>
        TimeSpan.FromDays(365).Ticks / (double)interval.NominalDuration().Ticks;
}
