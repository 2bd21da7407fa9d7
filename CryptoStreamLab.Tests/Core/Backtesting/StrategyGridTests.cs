using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

/// <summary>Grids, sweeps and walk-forwards over any strategy's declared parameters.</summary>
public class StrategyGridTests
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly Candle[] Candles = TestCandles.Avax().Take(4_000).ToArray();
    private static readonly StrategyDefinition TextRule = StrategyDefinition.For<TextRuleStrategy>();

    private static EngineSettings For(StrategyDefinition definition, object? parameters = null, string? name = null) =>
        EngineSettings.For(new StrategySetup(definition, name, parameters), new TradingOptions());

    private static readonly EngineSettings Donchian = For(BuiltInStrategies.DonchianBreakout, name: "breakout");

    private static T Parameters<T>(StrategySetup setup) => (T)setup.Parameters!;

    [Fact]
    public void A_grid_names_a_strategys_parameters_in_any_case_and_each_set_is_that_strategy()
    {
        var grid = ParameterGrid.Parse("EntryPeriod=10:30:10;exitperiod=5,10", Donchian);

        grid.Definition.Should().BeSameAs(BuiltInStrategies.DonchianBreakout);
        grid.Axes.Select(a => a.Parameter.Key).Should().Equal("entryPeriod", "exitPeriod");
        grid.Sets.Should().OnlyContain(s => s.Definition == BuiltInStrategies.DonchianBreakout && s.Name == "breakout");
        grid.Sets.Select(s => (Parameters<DonchianBreakoutParameters>(s).EntryPeriod, Parameters<DonchianBreakoutParameters>(s).ExitPeriod))
            .Should().Equal((10, 5), (10, 10), (20, 5), (20, 10), (30, 5), (30, 10));
        grid.Skipped.Should().Be(0);
        Parameters<DonchianBreakoutParameters>(Donchian.Setup).EntryPeriod.Should().Be(20, "the baseline is not changed");
    }

    [Fact]
    public void The_seeds_short_names_and_its_parameters_own_names_both_work()
    {
        var baseline = new EngineSettings(new StrategyOptions(), new TradingOptions());

        GridParameters.Sweepable(BuiltInStrategies.CrossoverRsi).Select(p => (p.Key, p.Column)).Should().Equal(
            ("fast", "fast"), ("slow", "slow"), ("rsiPeriod", "rsi_period"), ("rsiMethod", "rsi_method"),
            ("buyRsiMin", "buy_rsi_min"), ("buyRsiMax", "buy_rsi_max"), ("sellRsiMin", "sell_rsi_min"));
        var grid = ParameterGrid.Parse("FastPeriod=10,15;slow=40", baseline);
        grid.Sets.Select(s => (s.SeedOptions!.FastPeriod, s.SeedOptions.SlowPeriod)).Should().Equal((10, 40), (15, 40));
        FluentActions.Invoking(() => ParameterGrid.Parse("fast=10;fastPeriod=12", baseline)).Should().Throw<FormatException>()
            .WithMessage("'fast' is given twice*");
    }

    [Fact]
    public void A_choice_axis_takes_the_choices_names()
    {
        var baseline = new EngineSettings(new StrategyOptions(), new TradingOptions());

        var grid = ParameterGrid.Parse("rsiMethod=simple, Wilder;fast=10", baseline);

        grid.Sets.Select(s => s.SeedOptions!.RsiMethod).Should().Equal(RsiMethod.Simple, RsiMethod.Wilder);
        WarmUp.CandlesFor(grid.Sets).Should().Be(20 * 14, "Wilder's RSI warms over twenty periods");
        FluentActions.Invoking(() => ParameterGrid.Parse("rsiMethod=Simple,Fancy", baseline)).Should().Throw<FormatException>()
            .WithMessage("rsiMethod must be one of Simple, Wilder (is 'Fancy').");
        FluentActions.Invoking(() => ParameterGrid.Parse("rsiMethod=0:1:1", baseline)).Should().Throw<FormatException>()
            .WithMessage("rsiMethod must be one of Simple, Wilder*");
    }

    [Theory]
    [InlineData("buy=above,below", "buy is a text parameter; a sweep varies numbers and choices only.")]
    [InlineData("period=0,5", "period must be between 1 and 1000 (is 0), in '0'.")]
    [InlineData("period=900:1100:100", "period must be between 1 and 1000 (is 1100), in '900:1100:100'.")]
    [InlineData("period=5.5", "period: '5.5' in '5.5' must be a whole number.")]
    [InlineData("rule=1", "unknown parameter 'rule'; use period, smoothing.")]
    public void Values_are_checked_by_the_parameter_and_text_cannot_be_swept(string text, string message)
    {
        FluentActions.Invoking(() => ParameterGrid.Parse(text, For(TextRule))).Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Combinations_the_strategy_refuses_are_skipped_and_counted_with_the_first_reason()
    {
        var baseline = For(TextRule, new TextRuleParameters { Buy = "below" }, "rule");

        var grid = ParameterGrid.Parse("period=100,600,400,700", baseline);

        grid.Sets.Select(s => Parameters<TextRuleParameters>(s).Period).Should().Equal(100, 400);
        grid.Sets.Should().OnlyContain(s => Parameters<TextRuleParameters>(s).Buy == "below", "parameters not named keep the baseline's value");
        grid.Skipped.Should().Be(2);
        grid.FirstSkipReason.Should().Be("Strategy rule: a below rule needs a period of 500 or less.");
        FluentActions.Invoking(() => ParameterGrid.Parse("period=600,700", baseline)).Should().Throw<FormatException>()
            .WithMessage("none of the grid's 2 combinations is valid, e.g. Strategy rule: a below rule*");
    }

    [Fact]
    public void A_strategy_without_a_parameter_to_vary_says_so()
    {
        var definition = StrategyDefinition.For<NoParameters>();

        ParameterGrid.ExampleFor(definition).Should().BeEmpty();
        FluentActions.Invoking(() => ParameterGrid.Parse("x=1", For(definition))).Should().Throw<FormatException>()
            .WithMessage("NoParameters has no number or choice parameter for a sweep to vary.");
    }

    [Fact]
    public void Every_built_in_strategys_example_grid_parses_into_valid_sets()
    {
        ParameterGrid.ExampleFor(BuiltInStrategies.CrossoverRsi).Should().Be(ParameterGrid.Example);
        ParameterGrid.ExampleFor(BuiltInStrategies.DonchianBreakout).Should().Be("entryPeriod=15:25:5;exitPeriod=8:12:2");
        foreach (var definition in BuiltInStrategies.All)
        {
            if (GridParameters.Sweepable(definition).Count == 0)
            {
                ParameterGrid.ExampleFor(definition).Should().BeEmpty(definition.Name + " has only text parameters");
                continue;
            }

            var grid = ParameterGrid.Parse(ParameterGrid.ExampleFor(definition), For(definition));
            grid.Sets.Should().HaveCountGreaterThan(1, definition.Name);
            grid.Skipped.Should().Be(0, definition.Name);
        }
    }

    [Fact]
    public void Each_set_of_another_strategy_gets_its_own_backtests_result()
    {
        var grid = ParameterGrid.Parse("entryPeriod=10,30;exitPeriod=5,15", Donchian);

        var results = ParameterSweep.Run(Avax, Donchian, grid.Sets, Candles, maxDegreeOfParallelism: 2);

        results.Select(r => r.Index).Should().BeEquivalentTo(Enumerable.Range(0, 4));
        foreach (var result in results)
            result.Statistics.Should().Be(Backtester.Run(Avax, Donchian.With(result.Setup), Candles).Statistics);
        results.Select(r => r.Statistics.NetProfit).Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public void The_sweep_csv_has_a_column_per_parameter_of_the_strategy_swept()
    {
        var grid = ParameterGrid.Parse("entryPeriod=10,30", Donchian);
        var results = ParameterSweep.Run(Avax, Donchian, grid.Sets, Candles);
        var text = new StringWriter();

        new SweepCsvWriter(text).Write(results);

        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be(SweepCsvWriter.HeaderFor(BuiltInStrategies.DonchianBreakout)).And.StartWith("rank,entry_period,exit_period,net_profit,");
        lines.Skip(1).Select(l => l.Split(',')[1..3]).Should().BeEquivalentTo(
            results.Select(r => new[] { Parameters<DonchianBreakoutParameters>(r.Setup).EntryPeriod.ToString(), "10" }), o => o.WithStrictOrdering());
    }

    [Fact]
    public void The_seeds_headers_are_unchanged()
    {
        SweepCsvWriter.Header.Should().Be(
            "rank,fast,slow,rsi_period,rsi_method,buy_rsi_min,buy_rsi_max,sell_rsi_min,net_profit,net_profit_pct,final_equity,fills,round_trips,wins,losses," +
            "win_rate_pct,average_win,average_loss,profit_factor,max_drawdown,max_drawdown_pct,sharpe,sortino,exposure_pct,fees_paid,buy_and_hold_profit_pct");
        WalkForwardCsvWriter.Header.Should().Be(
            "fold,train_from,train_to,test_from,test_to,partial,test_candles,eligible_sets,fast,slow,rsi_period,buy_rsi_min,buy_rsi_max,sell_rsi_min," +
            "objective_value,is_net_profit,is_net_profit_pct,is_round_trips,is_max_drawdown_pct,is_sharpe,is_sortino,is_calmar,is_profit_factor," +
            "oos_net_profit,oos_net_profit_pct,oos_fills,oos_round_trips,oos_max_drawdown_pct,oos_sharpe,oos_sortino,oos_calmar,oos_profit_factor," +
            "oos_buy_and_hold_profit_pct,is_return_per_day_pct,oos_return_per_day_pct,efficiency");
    }

    [Fact]
    public void A_choice_shows_in_lines_and_walk_forward_columns_only_where_the_sets_vary_it()
    {
        var baseline = new EngineSettings(new StrategyOptions(), new TradingOptions());
        var constant = ParameterGrid.Parse("fast=10,15;rsiMethod=Wilder", baseline);
        var varied = ParameterGrid.Parse("fast=10;rsiMethod=Simple,Wilder", baseline);

        GridParameters.Shown(constant.Definition, constant.Sets).Select(p => p.Key).Should().Equal("fast", "slow", "rsiPeriod", "buyRsiMin", "buyRsiMax", "sellRsiMin");
        var shown = GridParameters.Shown(varied.Definition, varied.Sets);
        shown.Select(p => p.Key).Should().Equal("fast", "slow", "rsiPeriod", "rsiMethod", "buyRsiMin", "buyRsiMax", "sellRsiMin");
        GridParameters.Describe(varied.Sets[1], shown).Should().Be("fast=10 slow=50 rsiPeriod=14 rsiMethod=Wilder buyRsiMin=50 buyRsiMax=70 sellRsiMin=70");
        WalkForwardCsvWriter.HeaderFor(shown).Should().Contain(",eligible_sets,fast,slow,rsi_period,rsi_method,buy_rsi_min,");
    }

    [Fact]
    public void A_walk_forward_over_another_strategy_chooses_among_its_sets_and_writes_its_columns()
    {
        var sets = ParameterGrid.Parse("entryPeriod=10,30;exitPeriod=5,15", Donchian).Sets;

        var result = WalkForward.Run(Avax, Donchian, sets, Candles, TimeWindow.All, new WalkForwardSettings(WalkForwardSpec.Parse("1d:12h")));

        result.Parameters.Select(p => p.Key).Should().Equal("entryPeriod", "exitPeriod");
        var fold = result.Folds[0];
        fold.Chosen.Should().BeSameAs(sets[fold.ChosenIndex!.Value]);
        fold.OutOfSample.Should().Be(Backtester.Run(Avax, Donchian.With(fold.Chosen!), Candles, fold.Windows.Test).Statistics);
        var csv = new StringWriter();
        new WalkForwardCsvWriter(csv).Write(result);
        var lines = csv.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Contain(",eligible_sets,entry_period,exit_period,objective_value,");
        var chosen = Parameters<DonchianBreakoutParameters>(fold.Chosen!);
        lines[1].Split(',')[8..10].Should().Equal(chosen.EntryPeriod.ToString(), chosen.ExitPeriod.ToString());
        var text = new StringWriter();
        WalkForwardText.Write(result, ParameterGrid.Parse("entryPeriod=10,30;exitPeriod=5,15", Donchian), Candles.Length, text);
        text.ToString().Should().Contain($"  chosen entryPeriod={chosen.EntryPeriod} exitPeriod={chosen.ExitPeriod} (net-profit ");
    }

    private sealed class NoParameters : IStrategy
    {
        public IReadOnlyList<SeriesSpec> Series { get; } = [];

        public int WarmUpPeriod => 0;

        public StrategyDecision OnCandle(in Candle candle, Span<double> series) => StrategyDecision.Hold;
    }
}
