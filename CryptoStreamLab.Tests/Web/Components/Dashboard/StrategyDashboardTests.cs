using Bunit;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Web.Components.Charts;
using CryptoStreamLab.Web.Components.Dashboard;
using CryptoStreamLab.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>
/// A stream with three strategies: a selector whose choice is the address's <c>?strategy=</c>, charts drawing the chosen
/// strategy's series, its figures and trading log, and the comparison of all three.
/// </summary>
public sealed class StrategyDashboardTests : StrategiesTestContext
{
    private readonly BunitJSModuleInterop _module;

    public StrategyDashboardTests()
    {
        _module = JSInterop.SetupModule(ChartModule.Path);
        _module.SetupVoid("update", _ => true).SetVoidResult();
        Feeder.ApplyClosed(1_000);
    }

    [Fact]
    public async Task The_selector_lists_the_strategies_and_a_choice_is_the_address_s_strategy()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        var chips = cut.FindAll("[data-testid=strategy-select] .mud-chip");
        chips.Select(c => c.TextContent.Trim()).Should().Equal(Names);
        cut.Find("[data-testid=stream-dashboard]").GetAttribute("data-strategy").Should().Be("CrossoverRsi", "the first strategy without a choice");

        var set = cut.FindComponent<MudBlazor.MudChipSet<string>>().Instance;
        await cut.InvokeAsync(() => set.SelectedValueChanged.InvokeAsync("bb"));

        navigation.Uri.Should().EndWith("/stream/LTCUSDT/1m?strategy=bb");
    }

    [Fact]
    public void The_page_shows_the_strategy_its_address_names()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/stream/LTCUSDT/1m?strategy=BB");

        var cut = Render<StreamPage>(p => p.Add(c => c.Symbol, "LTCUSDT").Add(c => c.Interval, "1m"));

        cut.Find("[data-testid=stream-dashboard]").GetAttribute("data-strategy").Should().Be("bb", "names are case-insensitive");
        cut.FindAll("[data-testid=unknown-strategy]").Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_strategy_in_the_address_shows_the_first_and_says_so()
    {
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Strategy, "nope"));

        cut.Find("[data-testid=stream-dashboard]").GetAttribute("data-strategy").Should().Be("CrossoverRsi");
        cut.Find("[data-testid=unknown-strategy]").TextContent.Should().Contain("'nope' does not run on LTCUSDT 1m; showing CrossoverRsi.");
    }

    [Fact]
    public void The_candle_chart_draws_the_chosen_strategy_s_overlays_and_fills()
    {
        var view = Market.Snapshot(Ltc).For("bb")!;
        view.Fills.Should().NotBeEmpty("bb trades on the sample");

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Strategy, "bb"));

        cut.FindAll("[data-chart]").Select(e => e.GetAttribute("data-chart")).Should().Equal(["candles", "equity", "comparison"], "bb has no panel");
        var candles = cut.FindComponent<CandleChart>();
        TraceNames(candles).Should().Equal(["LTCUSDT", .. view.SeriesSpecs.Select(s => s.Name), "BUY", "SELL"]);
        candles.Find("[role=img]").GetAttribute("aria-label").Should().Be("LTCUSDT 1m candlestick chart with BB 20, 2 upper, BB 20, 2 middle, BB 20, 2 lower and trades");
        var tail = FirstTail(candles.Instance.ElementId);
        var shown = view.Evaluations.TakeLast(300).ToList();
        for (var slot = 0; slot < 3; slot++)
            tail[1 + slot].Columns["value"].Cast<double?>().Should().Equal(shown.Select(e => (double?)e.Series[slot]), view.SeriesSpecs[slot].Name);
        var firstShown = shown[0].Candle.OpenTime;
        tail[4].Columns["time"].Cast<long>().Should().Equal(view.Fills.Where(f => f.Side == CryptoStreamLab.Core.Trading.TradeSide.Buy && f.CandleOpenTime >= firstShown)
            .Select(f => f.CandleOpenTime));
        cut.Find("[data-testid=indicator]").TextContent.Should().Be(DisplayFormat.Indicator(view.Latest!.Value.Series[0]));
        cut.Find("[data-testid=trading-log] caption").TextContent.Should().Contain("LTCUSDT 1m · bb").And.Contain($"({view.Fills.Count} trades)");
        cut.Find("[data-testid=equity]").TextContent.Should().Be(DisplayFormat.Money(view.Equity));
    }

    [Fact]
    public void The_panel_chart_draws_the_chosen_strategy_s_panel_series_and_guides()
    {
        var view = Market.Snapshot(Ltc).For("MacdTrend")!;
        var panel = view.SeriesSpecs.Where(s => s.Pane == SeriesPane.Panel).ToList();
        panel.Should().HaveCount(3);

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Strategy, "macdtrend"));

        cut.FindAll("[data-chart]").Select(e => e.GetAttribute("data-chart")).Should().Equal("candles", "panel", "equity", "comparison");
        var chart = cut.FindComponent<StrategyPanelChart>();
        TraceNames(chart).Should().Equal(panel.Select(s => s.Name));
        TraceNames(cut.FindComponent<CandleChart>()).Should().Equal("LTCUSDT", "BUY", "SELL");
        var descriptor = chart.Instance.Descriptor;
        descriptor.Guides.Select(g => g.Value).Should().Equal([0m], "MACD's series are drawn against zero");
        descriptor.Range.Should().BeNull("the scale fits the values");
        chart.Find("[role=img]").GetAttribute("aria-label").Should().Be($"LTCUSDT 1m MacdTrend panel chart of {string.Join(", ", panel.Select(s => s.Name))} with guides at 0");
        var tail = FirstTail(chart.Instance.ElementId);
        tail[2].Columns["value"].Cast<double?>().Last().Should().Be(view.Evaluations[^1].Series[2]);
        cut.Find("[data-testid=indicator]").TextContent.Should().Be(DisplayFormat.Indicator(view.Latest!.Value.Series[0]));
        cut.FindAll("[data-testid=rsi]").Should().BeEmpty("RSI is the seed's figure");
    }

    [Fact]
    public void The_comparison_table_ranks_every_strategy_by_return_with_its_figures()
    {
        var snapshot = Market.Snapshot(Ltc);
        var expected = snapshot.Views.Select(v => StrategyStandings.Of(v.Strategy!, v)).OrderByDescending(s => s.ReturnPct).ToList();
        expected.Select(s => s.ReturnPct).Distinct().Should().HaveCount(3, "the strategies have done differently, so the order means something");
        expected.Should().Contain(s => s.RoundTrips > 0 && s.Sharpe != null);

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        var rows = cut.FindAll("[data-testid=comparison-table] tbody tr");
        rows.Select(r => r.GetAttribute("data-strategy")).Should().Equal(expected.Select(s => s.Name));
        rows.Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).Should().BeEquivalentTo(expected.Select(s => new[]
        {
            s.Name, DisplayFormat.Percent(s.ReturnPct), DisplayFormat.Share(s.MaxDrawdownPct), s.RoundTrips.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DisplayFormat.Share(s.WinRatePct), DisplayFormat.Ratio(s.Sharpe),
        }), o => o.WithStrictOrdering());
        var comparison = cut.FindComponent<ComparisonChart>();
        TraceNames(comparison).Should().Equal([.. Names, ComparisonChart.BuyAndHoldName]);
        var tail = FirstTail(comparison.Instance.ElementId);
        tail[2].Columns["value"].Cast<decimal>().Should().Equal(snapshot.Views[2].EquityCurve.TakeLast(300).Select(p => p.Equity), "bb's curve over the chart's window");
        tail[3].Columns["value"].Cast<decimal>().First().Should().Be(snapshot.StartingBalance, "buy and hold starts with the window");
    }

    [Fact]
    public void The_stream_list_names_the_best_strategy_and_its_pnl()
    {
        var best = Market.Snapshot(Ltc).Views.MaxBy(v => v.PnlPercent)!;

        var cut = Render<StreamNav>();

        var line = cut.Find("[data-stream=LTCUSDT-1m] [data-testid=nav-best]").TextContent;
        line.Should().Contain($"best: {best.Strategy}").And.Contain(DisplayFormat.Percent(best.PnlPercent));
    }

    private static IReadOnlyList<string> TraceNames<T>(IRenderedComponent<T> chart) where T : LiveChart =>
        chart.Instance.Descriptor.Series.Select(s => s.Name).ToList();

    private SeriesTail[] FirstTail(string elementId) =>
        (SeriesTail[])_module.Invocations["update"].First(i => (string)i.Arguments[0]! == elementId).Arguments[3]!;
}
