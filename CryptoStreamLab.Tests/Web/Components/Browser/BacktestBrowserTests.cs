using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Backtesting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The backtest page after a user uploaded 3,000 LTCUSDT candles and pressed Run, once for all the tests of
/// <see cref="BacktestBrowserTests"/>, beside the same run done here with the Core backtester: the reference.
/// </summary>
public sealed class UploadedBacktest : IAsyncLifetime
{
    public const string File = "LTCUSDT-1m-2026-02-first3000.csv.gz";

    private readonly Lazy<Task<Run>> _run = new(RunAsync);

    /// <summary>
    /// The page after the run, what it logged, and the reference: every candle's close, equity and buy-and-hold by open time,
    /// and the strategy's series with their values by open time.
    /// </summary>
    public sealed record Run(
        DashboardServer Server, BrowserSession Session, IPage Page, BrowserErrors Errors,
        BacktestSummary Reference, IReadOnlyDictionary<long, (decimal Close, decimal Equity, decimal BuyAndHold)> ByOpenTime,
        IReadOnlyList<SeriesSpec> Series, IReadOnlyDictionary<long, SeriesValues> SeriesAt);

    public Task<Run> PageAsync() => _run.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!_run.IsValueCreated || !_run.Value.IsCompletedSuccessfully) return;
        var run = await _run.Value;
        await run.Session.DisposeAsync();
        await run.Server.DisposeAsync();
    }

    private static async Task<Run> RunAsync()
    {
        var server = await DashboardServer.StartAsync(DashboardServer.NoMarketData.Concat(ReplayedDashboard.EveryCrossTrades));
        var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1300 } });
        var errors = BrowserErrors.Watch(page);
        await page.GotoAsync(server.Address + "backtest");

        await ChooseUploadAsync(page);
        await page.Locator("#kline-file").SetInputFilesAsync(TestCandles.PathOf(File));
        await Expect(page.Locator("#candle-count")).ToContainTextAsync($"3000 candles of LTCUSDT 1m from {File}", new() { Timeout = 30_000 });
        await page.Locator("#run").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Ran 3000 candles of LTCUSDT 1m.", new() { Timeout = 60_000 });
        foreach (var chart in new[] { "price", "series-panel", "equity" })
        {
            await page.WaitForFunctionAsync("chart => window.appCharts?.read(chart)?.series?.[0]?.x?.length > 0", chart, new() { Timeout = 30_000 });
        }

        // And a walk-forward over the same candles, whose chained equity has a chart of its own.
        await page.GetByLabel("Walk-forward grid").FillAsync("fast=5,7;slow=25,40");
        await page.GetByLabel("Train:Test[:Step]").FillAsync("12h:6h");
        await page.GetByLabel("Train:Test[:Step]").PressAsync("Tab");
        await page.Locator("#walk-forward-run").ClickAsync();
        await Expect(page.Locator("#walk-forward-status")).ToContainTextAsync("folds × 4 parameter sets", new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => window.appCharts?.read('walk-forward-equity')?.series?.[0]?.x?.length > 0", null, new() { Timeout = 30_000 });

        var (reference, byOpenTime, series, seriesAt) = Reference(server.Services);
        return new Run(server, session, page, errors, reference, byOpenTime, series, seriesAt);
    }

    /// <summary>
    /// Picks "A kline CSV file". The page is prerendered, and a click before the circuit is up only checks the
    /// radio in the browser (clicks, not checks: the circuit may uncheck it again as it starts); so until the
    /// upload field appears, switch to the other source and back again.
    /// </summary>
    private static async Task ChooseUploadAsync(IPage page)
    {
        var upload = page.GetByLabel("A kline CSV file");
        var fileInput = page.Locator("#kline-file");
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByLabel("A stream's retained history").ClickAsync();
            await upload.ClickAsync();
            try
            {
                await fileInput.WaitForAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 15)
            {
                // The circuit was not up yet.
            }
        }
    }

    /// <summary>The file through the Core backtester with the page's default strategy, the app's first configured one.</summary>
    private static (BacktestSummary, IReadOnlyDictionary<long, (decimal, decimal, decimal)>, IReadOnlyList<SeriesSpec>, IReadOnlyDictionary<long, SeriesValues>)
        Reference(IServiceProvider services)
    {
        var stream = new StreamKey("LTCUSDT", KlineInterval.OneMinute);
        var strategy = services.GetRequiredService<StrategyLineup>().Entries[0].Setup;
        var trading = services.GetRequiredService<IOptions<TradingOptions>>().Value;
        var candles = KlineCsvReader.ReadFile(TestCandles.PathOf(File), stream.Symbol, stream.Interval);
        var buyAndHold = new StatisticsAccumulator(stream.Interval, trading);
        var byOpenTime = new Dictionary<long, (decimal, decimal, decimal)>();
        var seriesAt = new Dictionary<long, SeriesValues>();
        var summary = Backtester.Run(stream, EngineSettings.For(strategy, trading), candles, e =>
        {
            buyAndHold.Add(e);
            byOpenTime[e.Candle.OpenTime] = (e.Candle.Close, e.Equity, buyAndHold.BuyAndHoldEquity);
            seriesAt[e.Candle.OpenTime] = e.Series;
        });
        return (summary, byOpenTime, strategy.Series, seriesAt);
    }
}

/// <summary>What the backtest page shows for an uploaded file, against the same run done by the Core backtester.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class BacktestBrowserTests(UploadedBacktest backtest) : IClassFixture<UploadedBacktest>
{
    [ChromiumFact]
    public async Task The_statistics_are_the_backtesters()
    {
        var run = await backtest.PageAsync();

        var rows = await run.Page.Locator("#statistics tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th').innerText, r.querySelector('td').innerText])");

        rows.Select(r => (r[0].Trim(), r[1].Trim())).Should().Equal(StatisticsRows.For(run.Reference.Statistics));
        run.Reference.Fills.Should().HaveCountGreaterThan(10, "the run trades, so the statistics and markers say something");
    }

    [ChromiumFact]
    public async Task Every_chart_of_the_page_shows_its_data_on_a_canvas()
    {
        var run = await backtest.PageAsync();

        foreach (var kind in new[] { "price", "series-panel", "equity", "walk-forward-equity" })
        {
            var chart = await ChartReader.ReadChartAsync(run.Page, kind);
            chart.Should().NotBeNull($"the {kind} chart is drawn");
            chart!.Empty.Should().BeFalse($"the {kind} chart shows values, not its empty state");
            chart.Series.Where(s => s.Kind == "Line").Should().NotBeEmpty()
                .And.OnlyContain(s => s.Y.Any(y => y != null), $"every line of the {kind} chart has values");
            await Expect(run.Page.Locator($"[data-chart={kind}] canvas").First).ToBeVisibleAsync();
            (await run.Page.Locator($"[data-chart={kind}]").GetAttributeAsync("aria-label")).Should().NotBeNullOrWhiteSpace();
        }
        var markers = (await ChartReader.ReadAsync(run.Page, "price")).Where(s => s.Kind == "Markers").Sum(s => s.Count);
        markers.Should().Be(run.Reference.Fills.Count, "a marker per fill");
    }

    [ChromiumFact]
    public async Task The_price_chart_draws_the_closes_the_strategys_overlays_and_every_fill()
    {
        var run = await backtest.PageAsync();
        var traces = await ChartReader.ReadAsync(run.Page, "price");
        var overlays = run.Series.Select((s, i) => (s, i)).Where(x => x.s.Pane == SeriesPane.Overlay).ToList();
        overlays.Should().NotBeEmpty("the seed's strategy draws its averages over the price");

        traces.Select(t => t.Name).Should().Equal(["Close", .. overlays.Select(o => o.s.Name), "Buy", "Sell"]);
        ShouldFollowTheRun(traces[0], p => p.Close, run);
        for (var k = 0; k < overlays.Count; k++) ShouldDrawTheSeries(traces[1 + k], overlays[k].i, run);
        Markers(traces[^2]).Should().Equal(Fills(run, TradeSide.Buy), "a Buy marker at each buy's candle and price");
        Markers(traces[^1]).Should().Equal(Fills(run, TradeSide.Sell), "a Sell marker at each sell's candle and price");
    }

    [ChromiumFact]
    public async Task The_strategys_panel_series_have_a_chart_of_their_own()
    {
        var run = await backtest.PageAsync();
        var traces = await ChartReader.ReadAsync(run.Page, "series-panel");
        var panel = run.Series.Select((s, i) => (s, i)).Where(x => x.s.Pane == SeriesPane.Panel).ToList();

        traces.Select(t => t.Name).Should().Equal(panel.Select(p => p.s.Name));
        for (var k = 0; k < panel.Count; k++) ShouldDrawTheSeries(traces[k], panel[k].i, run);
    }

    [ChromiumFact]
    public async Task The_equity_chart_draws_the_strategy_against_buy_and_hold()
    {
        var run = await backtest.PageAsync();
        var traces = await ChartReader.ReadAsync(run.Page, "equity");

        traces.Select(t => t.Name).Should().Equal("Strategy", "Buy and hold");
        ShouldFollowTheRun(traces[0], p => p.Equity, run);
        ShouldFollowTheRun(traces[1], p => p.BuyAndHold, run);
        traces[0].Y[^1].Should().BeApproximately((double)run.Reference.Statistics.FinalEquity, 1e-6, "the line ends at the final equity");
        traces[1].Y[^1].Should().BeApproximately((double)run.Reference.Statistics.BuyAndHoldEquity, 1e-6, "buy and hold ends at its final value");
    }

    [ChromiumFact]
    public async Task The_page_logs_no_errors()
    {
        var run = await backtest.PageAsync();

        run.Errors.Messages.Should().BeEmpty("uploading, running and drawing logged no console error or uncaught exception");
    }

    /// <summary>
    /// A line over the run: the first and last candle and every point between at its candle's value in the reference.
    /// Long runs are thinned before they are sent, so not every candle need have a point.
    /// </summary>
    private static void ShouldFollowTheRun(
        DrawnSeries line, Func<(decimal Close, decimal Equity, decimal BuyAndHold), decimal> value, UploadedBacktest.Run run)
    {
        var times = run.ByOpenTime.Keys.Order().ToArray();
        line.X.ShouldRiseStrictly(line.Name!);
        line.X[0].Should().Be(times[0], $"{line.Name} starts at the first candle");
        line.X[^1].Should().Be(times[^1], $"{line.Name} ends at the last candle");
        line.Count.Should().BeGreaterThanOrEqualTo(Math.Min(times.Length, BacktestCharts.MaxLinePoints) / 2, "a thinned line keeps every other point or more");
        var wrong = line.X.Zip(line.Y, (x, y) => (x, y))
            .Where(p => !run.ByOpenTime.TryGetValue(p.x, out var expected) || p.y is not { } drawn ||
                        Math.Abs(drawn - (double)value(expected)) > 1e-9 * Math.Abs((double)value(expected)))
            .Select(p => $"{p.x}: {p.y}");
        wrong.Should().BeEmpty($"every point of {line.Name} is the run's value at its candle");
    }

    /// <summary>A series line: a point per drawn candle at the run's value, a gap while it is not ready.</summary>
    private static void ShouldDrawTheSeries(DrawnSeries line, int slot, UploadedBacktest.Run run)
    {
        line.Count.Should().BeGreaterThanOrEqualTo(Math.Min(run.SeriesAt.Count, BacktestCharts.MaxLinePoints) / 2);
        var wrong = line.X.Zip(line.Y, (x, y) => (x, y))
            .Where(p => !run.SeriesAt.TryGetValue(p.x, out var values) ||
                        (double.IsFinite(values[slot]) ? p.y is not { } drawn || Math.Abs(drawn - values[slot]) > 1e-9 * Math.Abs(values[slot]) : p.y is not null))
            .Select(p => $"{p.x}: {p.y}");
        wrong.Should().BeEmpty($"every point of {line.Name} is the run's value at its candle");
        line.Y.Should().Contain(y => y != null, $"{line.Name} is drawn once ready");
    }

    private static IEnumerable<(long, decimal)> Markers(DrawnSeries markers) =>
        markers.X.Zip(markers.Decimals("y"), (x, y) => (x, y));

    private static IEnumerable<(long, decimal)> Fills(UploadedBacktest.Run run, TradeSide side) =>
        run.Reference.Fills.Where(f => f.Side == side).Select(f => (f.CandleOpenTime, f.Price));
}
