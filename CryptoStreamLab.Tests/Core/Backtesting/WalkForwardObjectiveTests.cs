using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Tests.Core.Backtesting;

public class WalkForwardObjectiveTests
{
    [Theory]
    [InlineData("net-profit", WalkForwardObjective.NetProfit)]
    [InlineData("Sharpe", WalkForwardObjective.Sharpe)]
    [InlineData("sortino", WalkForwardObjective.Sortino)]
    [InlineData("calmar", WalkForwardObjective.Calmar)]
    [InlineData(" profit-factor ", WalkForwardObjective.ProfitFactor)]
    public void Objectives_have_command_line_names(string name, WalkForwardObjective objective)
    {
        WalkForwardObjectives.Parse(name).Should().Be(objective);
        objective.ToName().Should().Be(name.Trim().ToLowerInvariant());
    }

    [Fact]
    public void An_unknown_objective_lists_the_known_ones()
    {
        var parse = () => WalkForwardObjectives.Parse("profit");
        parse.Should().Throw<FormatException>().WithMessage("'profit' is not an objective; use one of net-profit, sharpe, sortino, calmar, profit-factor.");
    }

    [Fact]
    public void The_highest_value_wins_and_a_tie_goes_to_the_first_set_in_grid_order()
    {
        var results = Results(Stats(net: 5), Stats(net: 9), Stats(net: 9), Stats(net: -1));

        var (best, value, eligible) = WalkForwardObjective.NetProfit.Choose(results, minRoundTrips: 1);

        best!.Index.Should().Be(1);
        value.Should().Be(9);
        eligible.Should().Be(4);
    }

    [Fact]
    public void Net_profits_a_double_cannot_tell_apart_are_still_ranked_exactly()
    {
        var results = Results(Stats(net: 1_000_000.000000000001m), Stats(net: 1_000_000.000000000002m));

        WalkForwardObjective.NetProfit.Choose(results, 1).Best!.Index.Should().Be(1);
    }

    [Fact]
    public void Sets_with_too_few_round_trips_or_an_undefined_objective_are_not_eligible()
    {
        var results = Results(Stats(net: 50, trips: 1, sharpe: 3), Stats(net: 10, trips: 4, sharpe: null), Stats(net: 5, trips: 4, sharpe: 0.5));

        WalkForwardObjective.NetProfit.Choose(results, minRoundTrips: 2).Should().Be((results[1], 10d, 2));
        WalkForwardObjective.Sharpe.Choose(results, minRoundTrips: 2).Should().Be((results[2], 0.5d, 1));
        WalkForwardObjective.Sharpe.Choose(results, minRoundTrips: 5).Should().Be(((SweepResult?)null, (double?)null, 0));
        WalkForwardObjective.NetProfit.Choose(Results(Stats(net: 0, trips: 0)), minRoundTrips: 0).Eligible.Should().Be(1, "0 round trips is allowed with --min-trades 0");
    }

    [Fact]
    public void A_profit_factor_without_a_losing_trip_counts_as_infinite_but_without_trips_it_is_undefined()
    {
        var results = Results(Stats(net: 10, pf: 3m, wins: 2, losses: 1), Stats(net: 1, pf: null, wins: 2, losses: 0), Stats(net: 0, pf: null, wins: 0, losses: 0));

        WalkForwardObjective.ProfitFactor.ValueOf(results[1].Statistics).Should().Be(double.PositiveInfinity);
        WalkForwardObjective.ProfitFactor.ValueOf(results[2].Statistics).Should().BeNull();
        WalkForwardObjective.ProfitFactor.Choose(results, 1).Should().Be((results[1], double.PositiveInfinity, 2));
    }

    [Fact]
    public void Each_objective_reads_its_statistic()
    {
        var s = Stats(net: 12.5m, sharpe: 1.5, sortino: 2.5, pf: 1.25m, wins: 1, losses: 1, drawdownPct: 10m, finalEquity: 11_000m);

        WalkForwardObjective.NetProfit.ValueOf(s).Should().Be(12.5);
        WalkForwardObjective.Sharpe.ValueOf(s).Should().Be(1.5);
        WalkForwardObjective.Sortino.ValueOf(s).Should().Be(2.5);
        WalkForwardObjective.ProfitFactor.ValueOf(s).Should().Be(1.25);
        WalkForwardObjective.Calmar.ValueOf(s).Should().Be(s.Calmar).And.NotBeNull();
    }

    [Fact]
    public void Calmar_is_the_compound_annual_return_over_the_max_drawdown()
    {
        // A year of daily candles (365) that gained 21 %: CAGR 21 %; over two years (730) it is √1.21 − 1 = 10 %.
        var year = Stats(net: 2_100m, finalEquity: 12_100m, drawdownPct: 7m, candles: 365, periodsPerYear: 365);
        var twoYears = year with { Candles = 730 };

        year.AnnualisedReturnPct.Should().BeApproximately(21, 1e-9);
        year.Calmar.Should().BeApproximately(3, 1e-9);
        twoYears.AnnualisedReturnPct.Should().BeApproximately(10, 1e-9);
        (year with { MaxDrawdownPct = 0 }).Calmar.Should().BeNull("no drawdown to divide by");
        (year with { Candles = 0 }).AnnualisedReturnPct.Should().BeNull();
        (year with { Candles = 1, PeriodsPerYear = 525_600, FinalEquity = 20_000m }).AnnualisedReturnPct.Should().BeNull("doubling every minute for a year is beyond a double");
    }

    private static SweepResult[] Results(params BacktestStatistics[] statistics) =>
        statistics.Select((s, i) => new SweepResult(i, StrategySetup.Seed(new StrategyOptions { FastPeriod = i + 1 }), s)).ToArray();

    private static BacktestStatistics Stats(decimal net, int trips = 3, double? sharpe = 1, double? sortino = 1, decimal? pf = 1, int wins = 1, int losses = 1,
        decimal drawdownPct = 5, decimal? finalEquity = null, int candles = 1_000, double periodsPerYear = 525_600) =>
        new(candles, 10_000m, finalEquity ?? 10_000m + net, net, net / 100m, trips * 2, trips, wins, losses, null, null, null, pf, 0, drawdownPct,
            sharpe, sortino, periodsPerYear, 0, 0, 10_000m, 0);
}
