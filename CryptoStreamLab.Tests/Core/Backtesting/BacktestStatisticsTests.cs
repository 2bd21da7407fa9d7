using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

/// <summary>Every statistic against small runs worked out by hand (the arithmetic is in the comments).</summary>
public class BacktestStatisticsTests
{
    // Fee-free whole units from 1,000 USDT. Candle: close, action → quantity, cash, equity Eₜ (E₀ = 1000).
    //  1: 100 BUY  → 10 units, cash 0,    E 1000
    //  2: 100      →                      E 1000
    //  3: 110      →                      E 1100
    //  4:  99      →                      E  990
    //  5: 121 SELL → 0, cash 1210,        E 1210   round trip 1: 1210 − 1000 = +210
    //  6: 110 BUY  → 11 units, cash 0,    E 1210
    //  7:  90      →                      E  990
    //  8: 100 SELL → 0, cash 1100,        E 1100   round trip 2: 1100 − 1210 = −110
    private static readonly TradingOptions WholeUnitsNoFee = new() { StartingBalance = 1_000m, FeeRate = 0, QuantityStep = 1 };

    private static BacktestStatistics TwoRoundTrips(KlineInterval interval = KlineInterval.OneMinute) =>
        BacktestStatistics.Compute(
            Run(WholeUnitsNoFee, interval, (100, Signal.Buy), (100, Signal.Hold), (110, Signal.Hold), (99, Signal.Hold),
                (121, Signal.Sell), (110, Signal.Buy), (90, Signal.Hold), (100, Signal.Sell)),
            interval, WholeUnitsNoFee);

    [Fact]
    public void Net_profit_fills_round_trips_and_trade_averages()
    {
        var s = TwoRoundTrips();

        s.Candles.Should().Be(8);
        s.StartingBalance.Should().Be(1_000m);
        s.FinalEquity.Should().Be(1_100m);
        s.NetProfit.Should().Be(100m);
        s.NetProfitPct.Should().Be(10m);
        s.Fills.Should().Be(4);
        s.RoundTrips.Should().Be(2);
        s.Wins.Should().Be(1);
        s.Losses.Should().Be(1);
        s.WinRatePct.Should().Be(50m);
        s.AverageWin.Should().Be(210m);
        s.AverageLoss.Should().Be(-110m);
        s.ProfitFactor.Should().Be(210m / 110m); // 1.909…
        s.FeesPaid.Should().Be(0m);
    }

    [Fact]
    public void Max_drawdown_is_measured_from_the_running_peak_in_value_and_in_percent()
    {
        // Peaks Pₜ: 1000 1000 1000 1100 1100 1210 1210 1210 1210; drawdowns Pₜ − Eₜ: 0 0 0 110 0 0 220 110.
        // Largest value 220 at candle 7; in percent 110/1100 = 10 % at candle 4 and 220/1210 = 18.18… % at candle 7.
        var s = TwoRoundTrips();

        s.MaxDrawdown.Should().Be(220m);
        s.MaxDrawdownPct.Should().Be(220m / 1_210m * 100m);
    }

    [Fact]
    public void Sharpe_and_sortino_are_annualised_from_per_candle_equity_returns()
    {
        // rₜ = Eₜ/Eₜ₋₁ − 1: 0, 0, 1/10, −1/10, 2/9, 0, −2/11, 1/9.  N = 8.
        // μ = (1/10 − 1/10 + 2/9 − 2/11 + 1/9) / 8 = (5/33) / 8 = 5/264 = 0.0189394
        // Σ(rₜ − μ)² = 0.1119166 → σ = √(0.1119166 / 7) = 0.1264440
        // Σmin(rₜ,0)² = 1/100 + 4/121 = 0.0430579 → D = √(0.0430579 / 8) = 0.0733637
        // 1m: 365 × 1440 = 525,600 periods a year, √525,600 = 724.98276
        // Sharpe = 0.0189394 / 0.1264440 × 724.98276 = 108.5914;  Sortino = 0.0189394 / 0.0733637 × 724.98276 = 187.1598
        var s = TwoRoundTrips();

        s.PeriodsPerYear.Should().Be(525_600);
        s.Sharpe.Should().BeApproximately(108.59140242, 1e-6);
        s.Sortino.Should().BeApproximately(187.15980014, 1e-6);
    }

    [Fact]
    public void Annualisation_follows_the_interval()
    {
        // Same returns on hourly candles: 8,760 periods a year, so both ratios scale by √(8760/525600).
        var minute = TwoRoundTrips();
        var hour = TwoRoundTrips(KlineInterval.OneHour);

        hour.PeriodsPerYear.Should().Be(8_760);
        hour.Sharpe.Should().BeApproximately(minute.Sharpe!.Value * Math.Sqrt(8_760.0 / 525_600), 1e-9);
        hour.Sortino.Should().BeApproximately(minute.Sortino!.Value * Math.Sqrt(8_760.0 / 525_600), 1e-9);
    }

    [Fact]
    public void Exposure_counts_the_candles_that_close_holding_a_position()
    {
        // Holding at candles 1, 2, 3, 4, 6, 7; flat after the sells at 5 and 8: 6 / 8 = 75 %.
        TwoRoundTrips().ExposurePct.Should().Be(75m);
    }

    [Fact]
    public void Buy_and_hold_buys_at_the_first_close_and_is_valued_at_the_last()
    {
        // 10 units at 100, worth 10 × 100 at the last close: no better than the start.
        var s = TwoRoundTrips();
        s.BuyAndHoldEquity.Should().Be(1_000m);
        s.BuyAndHoldProfit.Should().Be(0m);
        s.BuyAndHoldProfitPct.Should().Be(0m);
    }

    [Fact]
    public void Fees_and_the_quantity_step_count_in_profits_and_in_buy_and_hold()
    {
        // 1,000 USDT, fee 1 %, step 0.1.
        //  1: 50 BUY  → 1000/(50 × 1.01) = 19.80… → 19.8 units, fee 19.8 × 50 × 1 % = 9.9, cash 1000 − 990 − 9.9 = 0.1, E 990.1
        //  2: 55      → E 0.1 + 19.8 × 55 = 1089.1
        //  3: 60 SELL → 19.8 × 60 = 1188, fee 11.88, cash 0.1 + 1176.12 = 1176.22 = E
        //               round trip: (1188 − 11.88) − (990 + 9.9) = 176.22
        //  4: 45 BUY  → 1176.22/45.45 = 25.87… → 25.8 units, fee 25.8 × 45 × 1 % = 11.61, cash 1176.22 − 1161 − 11.61 = 3.61, E 1164.61
        // Fees 9.9 + 11.88 + 11.61 = 33.39. Drawdowns: 9.9 from 1000 (0.99 %), 11.61 from 1176.22 (0.987 %).
        // Buy and hold: the same first buy, 0.1 + 19.8 × 45 = 891.1 at the last close (−10.89 %).
        var trading = new TradingOptions { StartingBalance = 1_000m, FeeRate = 0.01m, QuantityStep = 0.1m };
        var s = BacktestStatistics.Compute(
            Run(trading, KlineInterval.OneMinute, (50, Signal.Buy), (55, Signal.Hold), (60, Signal.Sell), (45, Signal.Buy)),
            KlineInterval.OneMinute, trading);

        s.FinalEquity.Should().Be(1_164.61m);
        s.NetProfit.Should().Be(164.61m);
        s.NetProfitPct.Should().Be(16.461m);
        s.FeesPaid.Should().Be(33.39m);
        s.Fills.Should().Be(3);
        s.RoundTrips.Should().Be(1, "the position bought at candle 4 is still open");
        s.WinRatePct.Should().Be(100m);
        s.AverageWin.Should().Be(176.22m);
        s.AverageLoss.Should().BeNull();
        s.ProfitFactor.Should().BeNull("there is no loss to divide by");
        s.MaxDrawdown.Should().Be(11.61m);
        s.MaxDrawdownPct.Should().Be(0.99m);
        s.ExposurePct.Should().Be(75m);
        s.BuyAndHoldEquity.Should().Be(891.1m);
        s.BuyAndHoldProfitPct.Should().Be(-10.89m);
    }

    [Fact]
    public void A_run_without_trades_has_flat_equity_and_no_ratios()
    {
        var trading = new TradingOptions();
        var s = BacktestStatistics.Compute(Run(trading, KlineInterval.OneMinute, (100, Signal.Hold), (120, Signal.Hold), (90, Signal.Hold)),
            KlineInterval.OneMinute, trading);

        s.NetProfit.Should().Be(0m);
        s.MaxDrawdown.Should().Be(0m);
        s.Sharpe.Should().BeNull("σ is 0");
        s.Sortino.Should().BeNull("no candle lost money");
        s.WinRatePct.Should().BeNull();
        s.ExposurePct.Should().Be(0m);
        s.BuyAndHoldProfitPct.Should().BeLessThan(0, "buy and hold pays the fee and ends below its entry price");
    }

    [Fact]
    public void An_empty_run_reports_the_starting_balance()
    {
        var s = BacktestStatistics.Compute([], KlineInterval.OneMinute, new TradingOptions());
        s.Candles.Should().Be(0);
        s.FinalEquity.Should().Be(10_000m);
        s.BuyAndHoldEquity.Should().Be(10_000m);
        s.ExposurePct.Should().Be(0m);
        s.Sharpe.Should().BeNull();
    }

    [Fact]
    public void A_sell_without_a_buy_in_the_run_is_a_fill_but_not_a_round_trip()
    {
        // A live history window that starts while a position is open: its cost is unknown.
        var account = new PaperAccount(WholeUnitsNoFee);
        account.Restore(new AccountState(0, 10, 100, 0, 1));
        var fill = account.Execute(Signal.Sell, At(1, 120).OpenTime, 120)!.Value;
        var evaluation = Evaluate(At(1, 120), Signal.Sell, fill, account);

        var s = BacktestStatistics.Compute([evaluation], KlineInterval.OneMinute, WholeUnitsNoFee);
        s.Fills.Should().Be(1);
        s.RoundTrips.Should().Be(0);
    }

    [Fact]
    public void Previews_are_refused()
    {
        var accumulator = new StatisticsAccumulator(KlineInterval.OneMinute, new TradingOptions());
        var preview = Evaluate(At(0, 100), Signal.Hold, null, new PaperAccount(new TradingOptions())) with { IsPreview = true };
        FluentActions.Invoking(() => accumulator.Add(preview)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_backtesters_running_statistics_equal_those_computed_from_all_its_evaluations()
    {
        var stream = new StreamKey("AVAXUSDT", KlineInterval.OneMinute);
        var settings = new EngineSettings(new StrategyOptions { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 }, new TradingOptions());
        var evaluations = new List<Evaluation>();

        var summary = Backtester.Run(stream, settings, TestCandles.Avax(), evaluations.Add);

        summary.Statistics.Should().Be(BacktestStatistics.Compute(evaluations, stream.Interval, settings.Trading));
        summary.Statistics.RoundTrips.Should().BeGreaterThan(10);
        summary.Statistics.FinalEquity.Should().Be(summary.FinalEquity);
        summary.Statistics.FeesPaid.Should().Be(summary.FeesPaid);
        summary.Statistics.Fills.Should().Be(summary.Fills.Count);
    }

    [Fact]
    public void On_a_long_real_run_the_running_figures_equal_the_formulas_recomputed_over_the_whole_curve()
    {
        // The accumulator skips most drawdown divisions and uses Welford's update; the plain formulas must agree.
        var settings = new EngineSettings(new StrategyOptions { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 },
            new TradingOptions());
        var evaluations = new List<Evaluation>();
        var s = Backtester.Run(new StreamKey("AVAXUSDT", KlineInterval.OneMinute), settings, TestCandles.Avax(), evaluations.Add).Statistics;

        var equity = new[] { settings.Trading.StartingBalance }.Concat(evaluations.Select(e => e.Equity)).ToArray();
        decimal peak = equity[0], maxDrawdown = 0, maxDrawdownPct = 0;
        foreach (var e in equity)
        {
            peak = Math.Max(peak, e);
            maxDrawdown = Math.Max(maxDrawdown, peak - e);
            maxDrawdownPct = Math.Max(maxDrawdownPct, (peak - e) / peak * 100m);
        }

        var returns = equity.Skip(1).Select((e, i) => (double)e / (double)equity[i] - 1).ToArray();
        var mean = returns.Average();
        var sigma = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
        var downside = Math.Sqrt(returns.Sum(r => Math.Min(r, 0) * Math.Min(r, 0)) / returns.Length);

        s.MaxDrawdown.Should().Be(maxDrawdown);
        s.MaxDrawdownPct.Should().Be(maxDrawdownPct);
        s.Sharpe!.Value.Should().BeApproximately(mean / sigma * Math.Sqrt(525_600), Math.Abs(s.Sharpe.Value) * 1e-9);
        s.Sortino!.Value.Should().BeApproximately(mean / downside * Math.Sqrt(525_600), Math.Abs(s.Sortino.Value) * 1e-9);
        s.ExposurePct.Should().Be((decimal)evaluations.Count(e => e.Quantity > 0) / evaluations.Count * 100m);
        s.FeesPaid.Should().Be(evaluations.Where(e => e.Fill is not null).Sum(e => e.Fill!.Value.Fee));
    }

    /// <summary>Drives a real paper account with chosen signals, one closed minute candle per step.</summary>
    private static List<Evaluation> Run(TradingOptions trading, KlineInterval interval, params (decimal Close, Signal Signal)[] steps)
    {
        var account = new PaperAccount(trading);
        var evaluations = new List<Evaluation>();
        for (var i = 0; i < steps.Length; i++)
        {
            var candle = At(i, steps[i].Close) with { Interval = interval };
            var fill = account.Execute(steps[i].Signal, candle.OpenTime, candle.Close);
            evaluations.Add(Evaluate(candle, steps[i].Signal, fill, account));
        }

        return evaluations;
    }

    private static Candle At(int minute, decimal close) => TestCandles.Make(minute, close);

    private static Evaluation Evaluate(Candle candle, Signal signal, Fill? fill, PaperAccount account) =>
        new(candle, SeriesValues.Empty, signal,
            fill is { } f ? (f.Side == TradeSide.Buy ? Signal.Buy : Signal.Sell) : Signal.Hold,
            fill, account.Cash, account.Quantity, account.EquityAt(candle.Close), IsPreview: false);
}
