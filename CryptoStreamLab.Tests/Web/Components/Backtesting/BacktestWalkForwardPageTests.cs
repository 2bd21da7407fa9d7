using Bunit;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Web.Components.Backtesting;

/// <summary>
/// The backtest page's trading range and walk-forward panel, on a stream that has retained 1,000 real AVAXUSDT candles
/// (2026-02-01 00:00 to 16:39 UTC).
/// </summary>
public sealed class BacktestWalkForwardPageTests : BunitContext, IAsyncLifetime
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly long Start = TestCandles.Avax()[0].OpenTime;
    private const long Hour = 3_600_000;

    private readonly StrategyOptions _strategy = new() { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 };
    private readonly TradingOptions _trading = new() { StartingBalance = 5_000m };
    private readonly Candle[] _closed = TestCandles.Avax().Take(1_000).ToArray();

    public BacktestWalkForwardPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCircuitServices();
        var market = new StreamDirectory([Avax], new EngineSettings(new StrategyOptions(), new TradingOptions(), BufferCapacity: 2_000));
        foreach (var candle in _closed) market.Apply(candle);
        Services.AddSingleton(market);
        Services.AddSingleton(StrategyLineup.Seed(_strategy));
        Services.AddSingleton(StrategyCatalog.BuiltIn);
        Services.AddSingleton(Options.Create(_trading));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private EngineSettings Settings => new(_strategy, _trading);

    [Fact]
    public void A_trading_range_runs_only_its_candles_warmed_on_the_earlier_ones()
    {
        var window = new TimeWindow(Start + 6 * Hour, Start + 12 * Hour);
        var expected = Backtester.Run(Avax, Settings, _closed, window);
        expected.Fills.Should().NotBeEmpty();

        var cut = Render<Backtest>();
        Text(cut, "Trade from (inclusive)").Change("2026-02-01T06:00:00Z");
        Text(cut, "Trade to (exclusive)").Change("2026-02-01T12:00");
        cut.Find("#run").Click();

        cut.WaitForAssertion(() => cut.Find("#status").TextContent.Should().Be("Ran 360 candles of AVAXUSDT 1m."), Patience);
        cut.FindAll("#statistics td").Select(td => td.TextContent).Should().Equal(StatisticsRows.For(expected.Statistics).Select(r => r.Value));
        expected.Statistics.Should().NotBe(Backtester.Run(Avax, Settings, _closed.Where(c => window.Contains(c.OpenTime))).Statistics,
            "warmed and cold runs differ here, so the page must have warmed");
    }

    [Theory]
    [InlineData("2026-02-01T12:00", "2026-02-01T06:00", "#range-error", "From 2026-02-01T12:00:00Z must be before To 2026-02-01T06:00:00Z (To is exclusive).")]
    [InlineData("noon", "", "#range-error", "From 'noon' is not a date or time; use 2026-02-01 or 2026-02-01T12:00:00Z (UTC unless an offset is given).")]
    [InlineData("2026-02-02", "", "#range-none", "None of the 1000 candles opens from 2026-02-02T00:00:00Z on.")]
    public void A_range_that_cannot_be_used_or_holds_no_candle_says_why_and_blocks_every_run(string from, string to, string id, string message)
    {
        var cut = Render<Backtest>();
        cut.Find("#run").HasAttribute("disabled").Should().BeFalse();

        Text(cut, "Trade from (inclusive)").Change(from);
        Text(cut, "Trade to (exclusive)").Change(to);

        cut.Find(id).TextContent.Should().Be(message);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
        cut.Find("#sweep-run").HasAttribute("disabled").Should().BeTrue();
        cut.Find("#walk-forward-run").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void A_walk_forward_lists_every_fold_as_the_core_computes_it_with_the_partial_one_marked_and_draws_the_chain()
    {
        var grid = "fast=5,7;slow=25,40";
        var expected = WalkForward.Run(Avax, Settings, ParameterGrid.Parse(grid, Settings).Sets, _closed, TimeWindow.All,
            new WalkForwardSettings(WalkForwardSpec.Parse("4h:2h"), WalkForwardObjective.ProfitFactor));

        var cut = Render<Backtest>();
        Text(cut, "Walk-forward grid").Change(grid);
        Text(cut, "Train:Test[:Step]").Change("4h:2h");
        cut.InvokeAsync(() => cut.FindComponent<MudSelect<WalkForwardObjective>>().Instance.ValueChanged.InvokeAsync(WalkForwardObjective.ProfitFactor));
        cut.Find("#walk-forward-run").Click();

        cut.WaitForAssertion(() => cut.Find("#walk-forward-status").TextContent.Should().StartWith("7 folds × 4 parameter sets over 1000 candles of AVAXUSDT 1m in "), Patience);
        var rows = cut.FindAll("#walk-forward-folds tbody tr");
        rows.Should().HaveCount(7);
        rows.Select(r => r.Children[3].TextContent).Should().Equal(expected.Folds.Select(f => f.Chosen is { } c ? WalkForwardText.Parameters(c, expected) : "none eligible of 4: no trade"));
        rows.Select(r => r.Children[6].TextContent).Should().Equal(expected.Folds.Select(f => StatisticsRows.Percent(f.OutOfSample.NetProfitPct)));
        rows[^1].Children[2].TextContent.Should().Be("2026-02-01T16:00:00Z – 2026-02-01T16:40:00Z (partial)");
        rows[^1].ClassList.Should().Contain("fold-partial");
        rows.Take(6).Should().OnlyContain(r => !r.Children[2].TextContent.Contains("partial"));
        cut.FindAll("#walk-forward-statistics td").Select(td => td.TextContent).Should().Equal(StatisticsRows.For(expected.OutOfSample).Select(r => r.Value));
        cut.Find("#walk-forward-efficiency").TextContent.Should().Contain("Walk-forward efficiency: ");
        cut.FindAll("[data-chart=walk-forward-equity]").Should().ContainSingle();
    }

    [Fact]
    public void Folds_without_an_eligible_set_say_so()
    {
        var cut = Render<Backtest>();
        Text(cut, "Train:Test[:Step]").Change("6h:4h");
        cut.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "Min round trips").Find("input").Change("500");
        cut.Find("#walk-forward-run").Click();

        cut.WaitForAssertion(() => cut.FindAll("#walk-forward-folds tbody tr").Should().HaveCount(3), Patience);
        cut.FindAll("#walk-forward-folds tbody tr").Should().OnlyContain(r => r.Children[3].TextContent == "none eligible of 8: no trade" && r.ClassList.Contains("fold-no-set"));
        cut.Find("#walk-forward-efficiency").TextContent.Should().Contain("Walk-forward efficiency: n/a");
    }

    [Theory]
    [InlineData("Train:Test[:Step]", "4h", "'4h' is not TRAIN:TEST[:STEP] with durations such as 14d:7d or 3d:1d:12h (units w, d, h, m).")]
    [InlineData("Train:Test[:Step]", "1d:1h", "No fold fits: the 1000 candles to trade are not longer than the train window (1d).")]
    [InlineData("Walk-forward grid", "fast=5;speed=3", "Unknown parameter 'speed'; use fast, slow, rsiPeriod, rsiMethod, buyRsiMin, buyRsiMax, sellRsiMin.")]
    public void Unusable_walk_forward_input_is_reported_and_nothing_runs(string field, string value, string message)
    {
        var cut = Render<Backtest>();
        Text(cut, field).Change(value);
        cut.Find("#walk-forward-run").Click();

        cut.Find("#walk-forward-error").TextContent.Should().Be(message);
        cut.FindAll("#walk-forward-folds").Should().BeEmpty();
    }

    private static AngleSharp.Dom.IElement Text(IRenderedComponent<Backtest> cut, string label) =>
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label).Find("input");
}
