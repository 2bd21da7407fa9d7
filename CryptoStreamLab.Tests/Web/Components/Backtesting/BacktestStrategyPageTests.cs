using System.Globalization;
using Bunit;
using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Backtesting;
using CryptoStreamLab.Web.Components.Charts;
using CryptoStreamLab.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Web.Components.Backtesting;

/// <summary>
/// The backtest page's strategy selector, with two configured strategies (the seed's as "seed", a Donchian breakout with a
/// longer exit as "breakout") and a catalog that also holds a strategy with a text parameter; 1,000 real AVAXUSDT candles.
/// </summary>
public sealed class BacktestStrategyPageTests : BunitContext, IAsyncLifetime
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly StrategyOptions _seed = new() { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 };
    private readonly StrategySetup _breakout = new(BuiltInStrategies.DonchianBreakout, "breakout", new DonchianBreakoutParameters { ExitPeriod = 15 });
    private readonly TradingOptions _trading = new() { StartingBalance = 5_000m };
    private readonly Candle[] _closed = TestCandles.Avax().Take(1_000).ToArray();

    public BacktestStrategyPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCircuitServices();
        var market = new StreamDirectory([Avax], new EngineSettings(new StrategyOptions(), new TradingOptions(), BufferCapacity: 2_000));
        foreach (var candle in _closed) market.Apply(candle);
        Services.AddSingleton(market);
        Services.AddSingleton(new StrategyLineup([new LineupEntry(StrategySetup.Seed(_seed, "seed")), new LineupEntry(_breakout)], isConfigured: true));
        Services.AddSingleton(new StrategyCatalog([StrategyDefinition.For<TextRuleStrategy>()]));
        Services.AddSingleton(Options.Create(_trading));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public void The_selector_lists_the_configured_strategies_then_every_type_and_the_fields_follow_the_choice()
    {
        var cut = Render<Backtest>();

        Form(cut).Choices.Select(c => c.Label).Should().Equal([
            "seed (CrossoverRsi, configured)", "breakout (DonchianBreakout, configured)",
            .. BuiltInStrategies.All.Select(d => $"{d.Name} (defaults)"), "TextRuleStrategy (defaults)"]);
        Form(cut).Choices.Select(c => c.Label).Should().Contain(["CrossoverRsi (defaults)", "DonchianBreakout (defaults)", "MacdTrend (defaults)"]);
        Field(cut, "FastPeriod").GetAttribute("value").Should().Be("7", "the first configured strategy, with its values");
        Field(cut, "BuyRsiMin").GetAttribute("value").Should().Be("30");
        cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "RsiMethod").Find("input").GetAttribute("value").Should().Be("Simple");
        Field(cut, "FastPeriod").GetAttribute("min").Should().Be("1");
        Field(cut, "FastPeriod").GetAttribute("max").Should().Be("9999");

        Choose(cut, "breakout (DonchianBreakout, configured)");
        Field(cut, "EntryPeriod").GetAttribute("value").Should().Be("20");
        Field(cut, "ExitPeriod").GetAttribute("value").Should().Be("15", "the configured value, not the default");
        cut.FindComponents<MudTextField<string>>().Where(f => f.Instance.Label == "FastPeriod").Should().BeEmpty();

        Choose(cut, "TextRuleStrategy (defaults)");
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Buy").Find("textarea").TextContent.Should().Be("above");
        cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Smoothing").Find("input").GetAttribute("value").Should().Be("Simple");
        cut.Find("#run").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void A_chosen_strategy_with_a_changed_parameter_runs_as_its_backtest_and_draws_its_series()
    {
        var setup = new StrategySetup(BuiltInStrategies.DonchianBreakout, parameters: new DonchianBreakoutParameters { EntryPeriod = 15 });
        var evaluations = new List<Evaluation>();
        var expected = Backtester.Run(Avax, EngineSettings.For(setup, _trading), _closed, evaluations.Add);
        expected.Fills.Should().HaveCountGreaterThan(3);

        var cut = Render<Backtest>();
        Choose(cut, "DonchianBreakout (defaults)");
        Field(cut, "EntryPeriod").Change("15");
        cut.Find("#run").Click();

        cut.WaitForAssertion(() => cut.Find("#status").TextContent.Should().Be("Ran 1000 candles of AVAXUSDT 1m."), Patience);
        cut.FindAll("#statistics td").Select(td => td.TextContent).Should().Equal(StatisticsRows.For(expected.Statistics).Select(r => r.Value));
        cut.Markup.Should().Contain($"Fills ({expected.Fills.Count})");
        var outcome = cut.FindComponent<BacktestResults>().Instance.Outcome;
        outcome.Series.Select(s => s.Spec.Name).Should().Equal("High 15", "Low 10");
        for (var i = 0; i < 2; i++)
            outcome.Series[i].Values.Should().Equal(evaluations.Select(e => e.Series[i]), (a, b) => a.Equals(b), $"series {i} is the run's");
        Traces(cut, "Price and fills").Should().Equal("Close", "High 15", "Low 10", "Buy", "Sell");
        cut.FindAll("[data-chart=series-panel]").Should().BeEmpty("a channel is drawn over the price, not in a panel");
        cut.Find("[data-chart=price]").GetAttribute("aria-label").Should().Be("Price with High 15, Low 10 and buy and sell fills");
    }

    [Fact]
    public void The_seeds_run_draws_its_averages_over_the_price_and_its_rsi_with_its_thresholds_in_a_panel()
    {
        var cut = Render<Backtest>();
        cut.Find("#run").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-chart=series-panel]").Should().ContainSingle(), Patience);
        Traces(cut, "Price and fills").Should().Equal("Close", "MA 7", "MA 25", "Buy", "Sell");
        Traces(cut, "RSI 14").Should().Equal("RSI 14");
        var outcome = cut.FindComponent<BacktestResults>().Instance.Outcome;
        var panel = BacktestCharts.Panel(outcome)!;
        panel.Descriptor.Guides.Select(g => g.Value).Should().Equal(30m, 90m, 20m);
        panel.Data[0].Columns["value"].Cast<double?>().Should().HaveCount(1_000).And.Contain((double?)null, "RSI is a gap until it is ready");
    }

    [Fact]
    public void A_value_its_parameter_refuses_shows_the_parameters_message_under_the_field_and_disables_every_run()
    {
        var cut = Render<Backtest>();
        Choose(cut, "breakout (DonchianBreakout, configured)");

        Field(cut, "EntryPeriod").Change("0");

        cut.Find("#param-EntryPeriod-problem").TextContent.Should().Be("must be between 1 and 10000 (is 0)");
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
        cut.Find("#sweep-run").HasAttribute("disabled").Should().BeTrue();
        cut.Find("#walk-forward-run").HasAttribute("disabled").Should().BeTrue();

        Field(cut, "EntryPeriod").Change("twenty");
        cut.Find("#param-EntryPeriod-problem").TextContent.Should().Be("must be a whole number between 1 and 10000 (is 'twenty')");

        Field(cut, "EntryPeriod").Change("25");
        cut.FindAll(".parameter-problem").Should().BeEmpty();
        cut.Find("#run").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void A_strategys_refusal_shows_under_the_parameter_it_starts_with_or_else_above_Run()
    {
        var cut = Render<Backtest>();
        Choose(cut, "TextRuleStrategy (defaults)");

        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Buy").Find("textarea").Change("sideways");

        cut.Find("#param-Buy-problem").TextContent.Should().Be("Buy, column 1: expected above or below, found 'sideways'.");
        cut.FindAll("#problems").Should().BeEmpty();
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();

        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Buy").Find("textarea").Change("below");
        Field(cut, "Period").Change("600");

        cut.FindAll(".parameter-problem").Should().BeEmpty();
        cut.Find("#problems").TextContent.Should().Be("a below rule needs a period of 500 or less.");
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void A_sweep_of_another_strategy_varies_its_parameters_ranks_like_the_core_sweep_and_hands_a_set_to_the_form()
    {
        const string grid = "entryPeriod=10,20;exitPeriod=5,15";
        var baseline = EngineSettings.For(_breakout, _trading);
        var expected = ParameterSweep.Run(Avax, baseline, ParameterGrid.Parse(grid, baseline).Sets, _closed);

        var cut = Render<Backtest>();
        Choose(cut, "breakout (DonchianBreakout, configured)");

        Text(cut, "Grid").GetAttribute("value").Should().Be(ParameterGrid.ExampleFor(BuiltInStrategies.DonchianBreakout), "a grid of the chosen strategy's parameters to start from");
        Text(cut, "Walk-forward grid").GetAttribute("value").Should().Be(ParameterGrid.ExampleFor(BuiltInStrategies.DonchianBreakout));
        cut.Markup.Should().Contain("Names: entryPeriod, exitPeriod.");
        Text(cut, "Grid").Change(grid);
        cut.Find("#sweep-run").Click();

        cut.WaitForAssertion(() => cut.Find("#sweep-status").TextContent.Should().StartWith("4 parameter sets × 1000 candles of AVAXUSDT 1m"), Patience);
        cut.FindAll("#sweep-results thead th").Select(th => th.TextContent.Trim()).Take(3).Should().Equal("Rank", "entryPeriod", "exitPeriod");
        var rows = cut.FindAll("#sweep-results tbody tr");
        rows.Select(r => (r.Children[1].TextContent, r.Children[2].TextContent)).Should().Equal(expected.Select(e =>
        {
            var p = (DonchianBreakoutParameters)e.Setup.Parameters!;
            return (p.EntryPeriod.ToString(CultureInfo.InvariantCulture), p.ExitPeriod.ToString(CultureInfo.InvariantCulture));
        }));
        rows.Select(r => r.Children[3].TextContent).Should().Equal(expected.Select(e =>
            $"{StatisticsRows.Money(e.Statistics.NetProfit)} ({StatisticsRows.Percent(e.Statistics.NetProfitPct)})"));

        var best = (DonchianBreakoutParameters)expected[^1].Setup.Parameters!;
        rows[^1].QuerySelector(".sweep-use")!.Click();
        cut.WaitForAssertion(() =>
        {
            Field(cut, "EntryPeriod").GetAttribute("value").Should().Be(best.EntryPeriod.ToString(CultureInfo.InvariantCulture));
            Field(cut, "ExitPeriod").GetAttribute("value").Should().Be(best.ExitPeriod.ToString(CultureInfo.InvariantCulture));
        }, Patience);
    }

    [Fact]
    public void Choosing_another_strategy_clears_a_ranking_whose_sets_are_not_its_own()
    {
        var cut = Render<Backtest>();
        Text(cut, "Grid").Change("fast=5,7;slow=25");
        cut.Find("#sweep-run").Click();
        cut.WaitForAssertion(() => cut.FindAll("#sweep-results tbody tr").Should().HaveCount(2), Patience);

        Choose(cut, "MacdTrend (defaults)");

        cut.FindAll("#sweep-results").Should().BeEmpty();
        cut.FindAll("#sweep-status").Should().BeEmpty();
        Text(cut, "Grid").GetAttribute("value").Should().Be("fastPeriod=9:15:3;slowPeriod=20:32:6");
    }

    [Fact]
    public void A_text_parameter_is_offered_to_no_sweep()
    {
        var cut = Render<Backtest>();
        Choose(cut, "TextRuleStrategy (defaults)");

        cut.Markup.Should().Contain("Names: period, smoothing; text parameters (buy) cannot be swept.");
        Text(cut, "Grid").Change("buy=above,below");
        cut.Find("#sweep-run").Click();

        cut.Find("#sweep-error").TextContent.Should().Be("buy is a text parameter; a sweep varies numbers and choices only.");
        cut.FindAll("#sweep-results").Should().BeEmpty();
    }

    private static StrategyForm Form(IRenderedComponent<Backtest> cut) => cut.FindComponent<BacktestParameters>().Instance.Form;

    private static void Choose(IRenderedComponent<Backtest> cut, string label)
    {
        var choice = Form(cut).Choices.Single(c => c.Label == label);
        var select = cut.FindComponent<MudSelect<StrategyChoice>>();
        cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(choice));
        cut.WaitForAssertion(() => Form(cut).Chosen.Should().BeSameAs(choice), Patience);
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<Backtest> cut, string parameter) =>
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == parameter).Find("input");

    private static AngleSharp.Dom.IElement Text(IRenderedComponent<Backtest> cut, string label) =>
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label).Find("input");

    // The charts of the run's results, told apart by their titles.
    private static IEnumerable<string?> Traces(IRenderedComponent<Backtest> cut, string title) =>
        cut.FindComponent<BacktestResults>().FindComponents<FigureChart>().Single(c => c.Instance.Figure.Descriptor.Title == title)
            .Instance.Figure.Descriptor.Series.Select(s => (string?)s.Name);
}
