using Bunit;
using CryptoStreamLab.Web.Components.Charts;

namespace CryptoStreamLab.Tests.Web.Components.Charts;

/// <summary>
/// The charts hand the browser module the whole window once and then only the points from the last drawn candle on;
/// what they send to it is what these tests read.
/// </summary>
public sealed class LiveChartTests : DashboardTestContext
{
    private readonly BunitJSModuleInterop _module;

    public LiveChartTests()
    {
        _module = JSInterop.SetupModule(ChartModule.Path);
        _module.SetupVoid("update", _ => true).SetVoidResult();
        _module.SetupVoid("forget", _ => true).SetVoidResult();
    }

    [Fact]
    public void The_candle_chart_first_sends_every_candle_both_averages_and_the_fills()
    {
        Feeder.ApplyClosed(300);
        var snapshot = Market.Snapshot(Ltc);

        var cut = Render<CandleChart>(p => p.Add(c => c.Snapshot, snapshot));

        var call = Calls().Should().ContainSingle().Subject;
        call.Arguments[0].Should().Be(cut.Instance.ElementId);
        call.Arguments[1].Should().Be(snapshot.Candles[0].OpenTime);
        call.Arguments[2].Should().Be(snapshot.Candles[0].OpenTime, "the first draw replaces whatever the chart held");
        var traces = (SeriesTail[])call.Arguments[3]!;
        traces.Select(t => t.Index).Should().Equal(0, 1, 2, 3, 4);
        traces[0].Columns["close"].Cast<decimal>().Should().Equal(snapshot.Candles.Select(c => c.Close));
        traces[0].Columns["time"].Cast<long>().Should().Equal(snapshot.Candles.Select(c => c.OpenTime));
        traces[0].Columns["volume"].Cast<decimal>().Should().Equal(snapshot.Candles.Select(c => c.Volume), "the volume pane draws each candle's volume");
        var fast = traces[1].Columns["value"].Cast<double?>().ToArray();
        fast.Take(19).Should().OnlyContain(v => v == null, "the 20-candle average is not ready before its 20th candle");
        fast[19].Should().BeApproximately((double)snapshot.Candles.Take(20).Average(c => c.Close), 1e-9);
        traces[3].Columns["value"].Cast<decimal>().Should().Equal(snapshot.Fills.Where(f => f.Side == CryptoStreamLab.Core.Trading.TradeSide.Buy).Select(f => f.Price));
        snapshot.Fills.Should().NotBeEmpty("the sample buys at 04:00, so the marker trace is exercised");
        cut.Find("[role=img]").GetAttribute("aria-label").Should().Be("LTCUSDT 1m candlestick chart with moving averages and trades");
    }

    [Fact]
    public void The_candle_chart_is_created_once_as_candlesticks_with_volume_and_last_price_its_averages_and_its_fills()
    {
        Feeder.ApplyClosed(300);
        var cut = Render<CandleChart>(p => p.Add(c => c.Snapshot, Market.Snapshot(Ltc)));
        Feeder.ApplyClosed(1);
        cut.Render(p => p.Add(c => c.Snapshot, Market.Snapshot(Ltc)));

        var created = _module.Invocations["create"].Should().ContainSingle("the chart is created once, then updated").Subject;
        created.Arguments[0].Should().Be(cut.Instance.ElementId);
        var descriptor = (ChartDescriptor)created.Arguments[1]!;
        descriptor.Should().BeSameAs(cut.Instance.Descriptor);
        descriptor.Title.Should().Be("LTCUSDT 1m");
        descriptor.Series.Select(s => (s.Name, s.Kind)).Should().Equal(
            ("LTCUSDT", ChartSeriesKind.Candlestick), ("MA 20", ChartSeriesKind.Line), ("MA 50", ChartSeriesKind.Line),
            ("BUY", ChartSeriesKind.Markers), ("SELL", ChartSeriesKind.Markers));
        descriptor.Series[0].Should().Match<ChartSeriesLook>(s => s.Volume && s.LastValue, "volume in its pane, the last price on the scale");
        descriptor.Series.Skip(3).Select(s => s.Marker).Should().Equal(ChartMarker.Up, ChartMarker.Down);
        descriptor.Precision.Should().Be(2, "the sample's prices have two decimals");
        created.Arguments[4].Should().Be(true, "dark is the app's theme unless the layout says otherwise");
    }

    [Fact]
    public void A_theme_switch_recolours_a_drawn_chart_in_place()
    {
        Feeder.ApplyClosed(30);
        var snapshot = Market.Snapshot(Ltc);
        // The layout cascades the theme; here a cascading value of its own.
        var layout = Render<Microsoft.AspNetCore.Components.CascadingValue<ChartTheme>>(p => p
            .Add(c => c.Value, ChartTheme.Light)
            .AddChildContent<EquityChart>(chart => chart.Add(c => c.Snapshot, snapshot)));
        var id = layout.FindComponent<EquityChart>().Instance.ElementId;
        _module.Invocations["create"].Single().Arguments[4].Should().Be(false, "the light theme was on when the chart was created");

        layout.Render(p => p
            .Add(c => c.Value, ChartTheme.Dark)
            .AddChildContent<EquityChart>(chart => chart.Add(c => c.Snapshot, snapshot)));

        layout.FindComponent<EquityChart>().Instance.ElementId.Should().Be(id, "the same chart");
        var switched = _module.Invocations["setTheme"].Should().ContainSingle().Subject;
        switched.Arguments.Should().Equal(id, true);
        _module.Invocations["create"].Should().ContainSingle("the chart is re-coloured, not created again");
    }

    [Fact]
    public void A_newer_snapshot_sends_only_the_points_from_the_last_drawn_candle_on()
    {
        Feeder.ApplyClosed(100);
        var first = Market.Snapshot(Ltc);
        var cut = Render<CandleChart>(p => p.Add(c => c.Snapshot, first));

        var updates = Feeder.NextCandleUpdates(openUpdates: 2).Take(1).ToList();
        var second = Market.Snapshot(Ltc);
        cut.Render(p => p.Add(c => c.Snapshot, second));

        Calls().Should().HaveCount(2);
        cut.RenderCount.Should().Be(1, "the markup is drawn once; later points go through the module only");
        var call = Calls()[1];
        call.Arguments[2].Should().Be(first.Candles[^1].OpenTime);
        var candles = ((SeriesTail[])call.Arguments[3]!)[0];
        candles.Columns["time"].Cast<long>().Should().Equal(first.Candles[^1].OpenTime, updates[0].OpenTime);
        candles.Columns["close"].Cast<decimal>().Last().Should().Be(updates[0].Close, "the open candle moves live");
        var fast = ((SeriesTail[])call.Arguments[3]!)[1];
        fast.Columns["time"].Cast<long>().Last().Should().Be(updates[0].OpenTime, "the averages include the open candle's preview");
    }

    [Fact]
    public void Charts_show_only_the_newest_chart_candles_of_a_longer_buffer()
    {
        Feeder.ApplyClosed(1_000);
        var snapshot = Market.Snapshot(Ltc);

        Render<CandleChart>(p => p.Add(c => c.Snapshot, snapshot));

        var call = Calls().Single();
        var firstShown = snapshot.Candles[^300].OpenTime;
        (call.Arguments[1], call.Arguments[2]).Should().Be((firstShown, firstShown));
        var traces = (SeriesTail[])call.Arguments[3]!;
        traces[0].Columns["time"].Cast<long>().Should().Equal(snapshot.Candles.Skip(700).Select(c => c.OpenTime));
        traces[2].Columns["time"].Length.Should().Be(300);
    }

    [Fact]
    public void The_same_snapshot_again_sends_nothing()
    {
        Feeder.ApplyClosed(30);
        var snapshot = Market.Snapshot(Ltc);
        var cut = Render<StrategyPanelChart>(p => p.Add(c => c.Snapshot, snapshot));

        cut.Render(p => p.Add(c => c.Snapshot, snapshot));

        Calls().Should().HaveCount(1);
    }

    [Fact]
    public void The_rsi_chart_sends_rsi_with_gaps_while_warming_up_and_names_its_guides()
    {
        Feeder.ApplyClosed(40);
        var snapshot = Market.Snapshot(Ltc);

        var cut = Render<StrategyPanelChart>(p => p.Add(c => c.Snapshot, snapshot));

        var rsi = ((SeriesTail[])Calls().Single().Arguments[3]!).Single().Columns["value"].Cast<double?>().ToArray();
        rsi.Should().HaveCount(40);
        rsi[0].Should().BeNull();
        rsi[^1].Should().Be(snapshot.Evaluations[^1].Rsi);
        cut.Find("[role=img]").GetAttribute("aria-label").Should().Be("LTCUSDT 1m RSI chart with guides at 70 and 30");
    }

    [Fact]
    public void The_equity_chart_sends_the_accounts_value_and_names_start_and_floor()
    {
        Feeder.ApplyClosed(300);
        var snapshot = Market.Snapshot(Ltc);

        var cut = Render<EquityChart>(p => p.Add(c => c.Snapshot, snapshot));

        var equity = ((SeriesTail[])Calls().Single().Arguments[3]!).Single().Columns["value"].Cast<decimal>().ToArray();
        equity.Should().Equal(snapshot.Evaluations.Select(e => e.Equity));
        cut.Find("[role=img]").GetAttribute("aria-label").Should()
            .Be("LTCUSDT 1m portfolio value chart with the starting balance 10,000 and the floor 9,300");
    }

    [Fact]
    public void A_chart_starts_in_its_empty_state_until_the_browser_has_drawn_a_value()
    {
        Feeder.ApplyClosed(5);

        var cut = Render<StrategyPanelChart>(p => p.Add(c => c.Snapshot, Market.Snapshot(Ltc)));

        var box = cut.Find("[data-chart=rsi]");
        box.GetAttribute("data-empty").Should().Be("true", "the browser module clears it once a value is drawn");
        box.QuerySelector(".live-chart-empty")!.TextContent.Should().Be("No data yet");
    }

    [Fact]
    public async Task Disposing_a_chart_forgets_its_queue_in_the_browser()
    {
        Feeder.ApplyClosed(10);
        var cut = Render<EquityChart>(p => p.Add(c => c.Snapshot, Market.Snapshot(Ltc)));
        var id = cut.Instance.ElementId;

        await DisposeComponentsAsync();

        _module.Invocations["forget"].Should().ContainSingle().Which.Arguments[0].Should().Be(id);
    }

    [Fact]
    public async Task After_the_browser_fails_an_update_the_next_render_sends_the_whole_window_again()
    {
        await using var failing = new ContextWithFailingModule();
        failing.Feeder.ApplyClosed(50);
        var cut = failing.Render<CandleChart>(p => p.Add(c => c.Snapshot, failing.Market.Snapshot(Ltc)));

        failing.Feeder.ApplyClosed(1);
        var second = failing.Market.Snapshot(Ltc);
        cut.Render(p => p.Add(c => c.Snapshot, second));

        var calls = failing.Module.Invocations["update"].ToList();
        calls.Should().HaveCount(2);
        calls[1].Arguments[2].Should().Be(second.Candles[0].OpenTime, "a failed draw is not taken for drawn");
    }

    /// <summary>A context whose chart module throws, as a browser with a broken chart would.</summary>
    private sealed class ContextWithFailingModule : DashboardTestContext
    {
        public ContextWithFailingModule()
        {
            Module = JSInterop.SetupModule(ChartModule.Path);
            Module.SetupVoid("update", _ => true).SetException(new Microsoft.JSInterop.JSException("Lightweight Charts is not loaded"));
        }

        public BunitJSModuleInterop Module { get; }

        public new Fakes.CsvCandleFeeder Feeder => base.Feeder;

        public new CryptoStreamLab.Node.Streams.StreamDirectory Market => base.Market;
    }

    private IReadOnlyList<JSRuntimeInvocation> Calls() => _module.Invocations["update"].ToList();
}
