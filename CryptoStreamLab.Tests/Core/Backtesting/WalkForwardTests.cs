using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

/// <summary>Walk-forward over the AVAXUSDT sample: 10,000 one-minute candles, 6 days 22 h 40 min from 2026-02-01T00:00Z.</summary>
public class WalkForwardTests
{
    private const long Day = 86_400_000;
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly Candle[] Candles = TestCandles.Avax().ToArray();
    private static readonly long Start = Candles[0].OpenTime;

    private static readonly EngineSettings Baseline = new(
        new StrategyOptions { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 },
        new TradingOptions());

    private static readonly IReadOnlyList<StrategySetup> Sets = ParameterGrid.Parse("fast=5,7,10;slow=25,40,60", Baseline).Sets;

    private static WalkForwardResult Run(string spec = "2d:1d", WalkForwardObjective objective = WalkForwardObjective.NetProfit, int minTrades = 1,
        TimeWindow? range = null) =>
        WalkForward.Run(Avax, Baseline, Sets, Candles, range ?? TimeWindow.All, new WalkForwardSettings(WalkForwardSpec.Parse(spec), objective, minTrades));

    [Fact]
    public void Each_fold_chooses_the_best_set_on_its_train_window_and_runs_it_on_its_test_window()
    {
        var result = Run();

        result.Folds.Select(f => f.Windows.Test.From).Should().Equal(Start + 2 * Day, Start + 3 * Day, Start + 4 * Day, Start + 5 * Day, Start + 6 * Day);
        foreach (var fold in result.Folds)
        {
            var train = ParameterSweep.RunInGridOrder(Avax, Baseline, Sets, Candles, fold.Windows.Train);
            var eligible = train.Where(r => r.Statistics.RoundTrips >= 1).ToList();
            var best = eligible.First(r => r.Statistics.NetProfit == eligible.Max(e => e.Statistics.NetProfit));

            fold.ChosenIndex.Should().Be(best.Index, $"fold {fold.Windows.Number}");
            fold.Chosen.Should().BeSameAs(best.Setup);
            fold.EligibleSets.Should().Be(eligible.Count);
            fold.InSample.Should().Be(best.Statistics);
            fold.ObjectiveValue.Should().Be((double)best.Statistics.NetProfit);
            fold.OutOfSample.Should().Be(Backtester.Run(Avax, Baseline.With(best.Setup), Candles, fold.Windows.Test).Statistics);
        }

        result.Folds.Select(f => f.ChosenIndex).Distinct().Should().HaveCountGreaterThan(1, "the folds' choices must differ for the check to mean something");
        result.Folds.Sum(f => f.OutOfSample.Fills).Should().BeGreaterThan(0);
    }

    [Fact]
    public void The_last_test_window_cut_short_by_the_data_is_run_and_flagged_partial()
    {
        var result = Run();

        var last = result.Folds[^1];
        last.Windows.Partial.Should().BeTrue();
        last.Windows.Test.Should().Be(new TimeWindow(Start + 6 * Day, Candles[^1].OpenTime + 60_000));
        last.OutOfSample.Candles.Should().Be(10_000 - 6 * 1_440);
        last.TestDays.Should().BeApproximately((10_000 - 6 * 1_440) / 1_440d, 1e-12);
        result.Folds.Take(4).Should().OnlyContain(f => !f.Windows.Partial && f.OutOfSample.Candles == 1_440);
    }

    [Fact]
    public void A_range_limits_the_folds_and_the_candles_before_it_only_warm()
    {
        var range = new TimeWindow(Start + Day, Start + 5 * Day);

        var result = Run(range: range);

        result.Folds.Select(f => (f.Windows.Train, f.Windows.Test, f.Windows.Partial)).Should().Equal(
            (W(1, 3), W(3, 4), false),
            (W(2, 4), W(4, 5), false));
        result.Folds[0].InSample.Should().Be(ParameterSweep.RunInGridOrder(Avax, Baseline, Sets, Candles, W(1, 3))[result.Folds[0].ChosenIndex!.Value].Statistics);
    }

    [Fact]
    public void An_objective_no_set_reaches_reports_the_fold_with_no_set_and_no_trade()
    {
        var result = Run(minTrades: 1_000);

        result.Folds.Should().HaveCount(5).And.OnlyContain(f => f.Chosen == null && f.ChosenIndex == null && f.InSample == null && f.EligibleSets == 0);
        result.Folds.Should().OnlyContain(f => f.OutOfSample.Fills == 0 && f.OutOfSample.NetProfit == 0 && f.OutOfSample.Candles > 0);
        result.Folds[0].OutOfSample.BuyAndHoldProfitPct.Should().NotBe(0, "buy and hold is still measured over the window");
        result.OutOfSample.FinalEquity.Should().Be(10_000m);
        result.Curve.Should().HaveCount(10_000 - 2 * 1_440).And.OnlyContain(p => p.Equity == 10_000m);
        result.Efficiency.Should().BeNull();
        result.InSampleReturnPerDayPct.Should().BeNull();
    }

    [Fact]
    public void Only_folds_where_no_set_qualifies_go_without_a_set()
    {
        // The most round trips any set made on each train window; one more than the smallest of those leaves that fold without a set.
        var mostTrips = Run().Folds.Select(f => ParameterSweep.RunInGridOrder(Avax, Baseline, Sets, Candles, f.Windows.Train).Max(r => r.Statistics.RoundTrips)).ToList();
        var threshold = mostTrips.Min() + 1;
        mostTrips.Max().Should().BeGreaterThanOrEqualTo(threshold, "some fold must still have a set that qualifies");

        var result = Run(minTrades: threshold);

        result.Folds.Select(f => f.Chosen is null).Should().Equal(mostTrips.Select(m => m < threshold));
        foreach (var fold in result.Folds.Where(f => f.Chosen is not null)) fold.InSample!.RoundTrips.Should().BeGreaterThanOrEqualTo(threshold);
        result.Folds.Where(f => f.Chosen is null).Should().OnlyContain(f => f.OutOfSample.Fills == 0);
    }

    [Fact]
    public void The_chained_out_of_sample_equity_compounds_the_folds_returns()
    {
        var result = Run();

        var expected = result.Folds.Aggregate(10_000m, (equity, fold) => equity * fold.OutOfSample.FinalEquity / 10_000m);
        result.OutOfSample.FinalEquity.Should().BeApproximately(expected, 1e-12m);
        result.Curve.Should().HaveCount(result.Folds.Sum(f => f.OutOfSample.Candles));
        result.Curve.Select(p => p.OpenTime).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        result.OutOfSample.Candles.Should().Be(result.Curve.Count);
        result.OutOfSample.Fills.Should().Be(result.Folds.Sum(f => f.OutOfSample.Fills));
        result.OutOfSample.RoundTrips.Should().Be(result.Folds.Sum(f => f.OutOfSample.RoundTrips));
        result.OutOfSampleDays.Should().BeApproximately(result.Folds.Sum(f => f.TestDays), 1e-9);
        var buyAndHold = new PaperAccount(Baseline.Trading);
        buyAndHold.Execute(Signal.Buy, 0, result.Curve[0].Close);
        result.Curve[^1].BuyAndHold.Should().Be(buyAndHold.EquityAt(Candles[^1].Close), "buy and hold from the first out-of-sample close");
    }

    [Fact]
    public void Overlapping_test_windows_chain_each_fold_only_until_the_next_one_starts()
    {
        var result = Run("2d:1d:12h");

        result.Folds.Should().HaveCount(10);
        result.Curve.Should().HaveCount(10_000 - 2 * 1_440, "every out-of-sample candle once");
        result.Curve.Select(p => p.OpenTime).Should().OnlyHaveUniqueItems();
        result.OutOfSampleDays.Should().BeApproximately((10_000 - 2 * 1_440) / 1_440d, 1e-9);
        // The first fold's segment is its first 12 hours: the chain there is that fold's own equity.
        var first = new List<Evaluation>();
        Backtester.Run(Avax, Baseline.With(result.Folds[0].Chosen!), Candles, result.Folds[0].Windows.Test, first.Add);
        result.Curve.Take(720).Select(p => p.Equity).Should().Equal(first.Take(720).Select(e => e.Equity));
        result.Curve[720].Equity.Should().NotBe(first[720].Equity, "the second fold's fresh account takes over");
    }

    [Fact]
    public void Efficiency_is_out_of_sample_return_per_day_over_the_mean_in_sample_return_per_day()
    {
        var result = Run(objective: WalkForwardObjective.Sharpe, minTrades: 1);

        foreach (var fold in result.Folds)
        {
            fold.InSampleReturnPerDayPct.Should().Be((double)fold.InSample!.NetProfitPct / 2);
            fold.OutOfSampleReturnPerDayPct.Should().Be((double)fold.OutOfSample.NetProfitPct / fold.TestDays);
            fold.Efficiency.Should().Be(fold.InSampleReturnPerDayPct > 0 ? fold.OutOfSampleReturnPerDayPct / fold.InSampleReturnPerDayPct : null);
        }

        var inSample = result.Folds.Average(f => f.InSampleReturnPerDayPct!.Value);
        result.InSampleReturnPerDayPct.Should().Be(inSample);
        result.OutOfSampleReturnPerDayPct.Should().Be((double)result.OutOfSample.NetProfitPct / result.OutOfSampleDays);
        result.Efficiency.Should().Be(inSample > 0 ? result.OutOfSampleReturnPerDayPct / inSample : null);
        WalkForwardResult.EfficiencyOf(0.5, 2).Should().Be(0.25);
        WalkForwardResult.EfficiencyOf(0.5, -2).Should().BeNull("a ratio to an in-sample loss means nothing");
        WalkForwardResult.EfficiencyOf(0.5, null).Should().BeNull();
    }

    [Fact]
    public void Each_objective_chooses_by_its_own_statistic()
    {
        foreach (var objective in Enum.GetValues<WalkForwardObjective>())
        {
            var fold = Run(objective: objective).Folds[1];
            var train = ParameterSweep.RunInGridOrder(Avax, Baseline, Sets, Candles, fold.Windows.Train);
            var values = train.Select(r => r.Statistics.RoundTrips >= 1 ? objective.ValueOf(r.Statistics) : null).ToList();
            var best = values.Max();

            fold.ChosenIndex.Should().Be(values.IndexOf(best), objective.ToName());
        }
    }

    [Fact]
    public void Progress_rises_to_one_and_cancellation_stops_the_run()
    {
        var seen = new List<double>();
        WalkForward.Run(Avax, Baseline, Sets, Candles, TimeWindow.All, new WalkForwardSettings(WalkForwardSpec.Parse("2d:1d")), p => { lock (seen) seen.Add(p); });
        seen.Should().Contain(1.0).And.OnlyContain(p => p > 0 && p <= 1);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var run = () => WalkForward.Run(Avax, Baseline, Sets, Candles, TimeWindow.All, new WalkForwardSettings(WalkForwardSpec.Parse("2d:1d")),
            cancellationToken: cancelled.Token);
        run.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Data_too_short_for_a_fold_is_refused()
    {
        var run = () => Run("7d:1d");

        run.Should().Throw<ArgumentException>().WithMessage("no 7d:1d:1d fold fits the candles*");
        WalkForward.Plan(Candles, KlineInterval.OneMinute, TimeWindow.All, WalkForwardSpec.Parse("7d:1d")).Should().BeEmpty();
    }

    private static TimeWindow W(int fromDay, int toDay) => new(Start + fromDay * Day, Start + toDay * Day);
}
