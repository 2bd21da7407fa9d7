using System.Text.Json;
using CryptoStreamLab.Web.Hosting;
using CryptoStreamLab.Web.Http;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The shipped LTCUSDT sample replayed to its end, once for all the tests of <see cref="DashboardChartTests"/>;
/// started by the first test that runs, so a machine without Chromium, whose tests are skipped, never starts it.
/// </summary>
public sealed class ReplayedSample : IAsyncLifetime
{
    private readonly Lazy<Task<ReplayedDashboard>> _dashboard = new(() => ReplayedDashboard.StartAsync());

    public Task<ReplayedDashboard> DashboardAsync() => _dashboard.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_dashboard.IsValueCreated && _dashboard.Value.IsCompletedSuccessfully) await (await _dashboard.Value).DisposeAsync();
    }
}

/// <summary>
/// What a user sees on /stream/LTCUSDT/1m after two days of candles (2,880, each updated four times while open)
/// were replayed in about a minute: the charts against the status endpoint, the file, the cards and the log.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DashboardChartTests(ReplayedSample sample) : IClassFixture<ReplayedSample>
{
    private sealed record Ohlc(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close);

    [ChromiumFact]
    public async Task The_newest_candle_drawn_is_the_newest_candle_of_the_status_endpoint()
    {
        var dashboard = await sample.DashboardAsync();
        using var http = new HttpClient { BaseAddress = dashboard.Server.Address };
        using var status = JsonDocument.Parse(await http.GetStringAsync("api/status"));
        var newest = status.RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("symbol").GetString() == ReplayedDashboard.Stream.Symbol)
            .GetProperty("lastCandle").Deserialize<StatusEndpoints.CandleStatus>(JsonSerializerOptions.Web)!;

        var candles = (await dashboard.Page.CandleChartAsync()).Candles;

        DrawnCandles(candles)[^1].Should().Be(new Ohlc(newest.OpenTime, newest.Open, newest.High, newest.Low, newest.Close));
    }

    [ChromiumFact]
    public async Task The_candle_chart_draws_the_newest_candles_of_the_file_each_once_after_every_open_candle_update()
    {
        var dashboard = await sample.DashboardAsync();
        var (redraws, problems, versions) = await dashboard.CandleRedrawsAsync();
        // No pacing in the browser: every render of a new version (at most the render limit a second) reaches the chart. A render
        // that repeats the candle chart's last values draws nothing, hence the margin.
        versions.Should().BeGreaterThan(20, "the page rendered the replay as it played");
        redraws.Should().BeGreaterThanOrEqualTo((int)(versions * 0.8), $"the candle chart drew the changes of the {versions} renders as they came, not a paced few");
        problems.Should().BeEmpty("no draw while the file played had a time drawn twice or out of order");

        var chart = await dashboard.Page.CandleChartAsync();
        foreach (var trace in chart.All) trace.X.ShouldRiseStrictly($"the candle chart's {trace.Name}");
        (await dashboard.Page.RsiAsync()).X.Should().Equal(chart.Candles.X, "the RSI has a point for every candle drawn");
        (await dashboard.Page.EquityAsync()).X.Should().Equal(chart.Candles.X, "the equity line has a point for every candle drawn");

        var expected = dashboard.File.TakeLast(dashboard.ChartCandles).Select(c => new Ohlc(c.OpenTime, c.Open, c.High, c.Low, c.Close));
        DrawnCandles(chart.Candles).Should().Equal(expected, "the chart shows the newest Dashboard:ChartCandles candles, as they closed");
    }

    [ChromiumFact]
    public async Task The_volume_pane_under_the_candles_has_a_bar_per_candle_with_its_volume()
    {
        var dashboard = await sample.DashboardAsync();
        var chart = await ChartReader.ReadChartAsync(dashboard.Page.Page, "candles");
        var candles = (await dashboard.Page.CandleChartAsync()).Candles;

        chart!.Panes.Should().Be(2, "the prices and, under them, the volume");
        candles.Pane.Should().Be(0);
        var volume = candles.Volume;
        volume.Should().NotBeNull("the candlesticks carry their volume");
        volume!.Pane.Should().Be(1, "the volume has a pane of its own");
        volume.X.Should().Equal(candles.X, "a bar per candle drawn");
        volume.Decimals("y").Should().Equal(dashboard.File.TakeLast(dashboard.ChartCandles).Select(c => c.Volume), "each bar is its candle's volume");
    }

    [ChromiumFact]
    public async Task Hovering_a_candle_shows_its_ohlcv_and_averages_in_the_legend_as_the_api_has_them()
    {
        var dashboard = await sample.DashboardAsync();
        var page = dashboard.Page;
        using var http = new HttpClient { BaseAddress = dashboard.Server.Address };

        // Without a crosshair the legend shows the newest candle: the status endpoint's.
        using var status = JsonDocument.Parse(await http.GetStringAsync("api/status"));
        var newest = status.RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("symbol").GetString() == ReplayedDashboard.Stream.Symbol)
            .GetProperty("lastCandle").Deserialize<StatusEndpoints.CandleStatus>(JsonSerializerOptions.Web)!;
        var idle = await page.LegendAsync();
        idle.Hover.Should().BeFalse();
        LegendCandle(idle).Should().Be(new Ohlc(newest.OpenTime, newest.Open, newest.High, newest.Low, newest.Close));

        var hovered = dashboard.File[^40];
        await page.HoverCandleAsync(hovered.OpenTime);

        var legend = await page.LegendAsync();
        using var api = JsonDocument.Parse(await http.GetStringAsync($"api/v1/streams/LTCUSDT/1m/candles?from={hovered.OpenTime}&to={hovered.OpenTime + 1}"));
        var candle = api.RootElement.GetProperty("candles")[0];
        candle.GetProperty("open_time").GetInt64().Should().Be(hovered.OpenTime);
        LegendCandle(legend).Should().Be(new Ohlc(hovered.OpenTime, candle.GetProperty("open").GetDecimal(), candle.GetProperty("high").GetDecimal(),
            candle.GetProperty("low").GetDecimal(), candle.GetProperty("close").GetDecimal()), "the legend shows the hovered candle as the API has it");
        ((decimal)legend[ReplayedDashboard.Stream.Symbol, "volume"]!.Value).Should().Be(candle.GetProperty("volume").GetDecimal());
        legend["MA 20", "value"].Should().BeApproximately(candle.GetProperty("ma_fast").GetDouble(), 1e-9, "the legend shows the fast average at that candle");
        legend["MA 50", "value"].Should().BeApproximately(candle.GetProperty("ma_slow").GetDouble(), 1e-9, "and the slow one");

        // The crosshair leaves the chart: the legend goes back to the newest candle.
        await page.Page.Mouse.MoveAsync(1, 1);
        await page.Page.WaitForFunctionAsync("() => document.querySelector('[data-chart=candles] .chart-legend').dataset.hover === 'false'");
        (await page.LegendAsync()).Time.Should().Be(newest.OpenTime);
    }

    [ChromiumFact]
    public async Task Moving_averages_average_the_drawn_closes()
    {
        var dashboard = await sample.DashboardAsync();
        var chart = await dashboard.Page.CandleChartAsync();
        var strategy = dashboard.Strategy;

        chart.FastMa.ShouldAverageTheCloses(chart.Candles, strategy.FastPeriod, dashboard.Ordinal, "MA fast")
            .Should().Be(chart.Candles.Count - strategy.FastPeriod + 1);
        chart.SlowMa.ShouldAverageTheCloses(chart.Candles, strategy.SlowPeriod, dashboard.Ordinal, "MA slow")
            .Should().Be(chart.Candles.Count - strategy.SlowPeriod + 1);
    }

    [ChromiumFact]
    public async Task The_rsi_has_values_between_0_and_100()
    {
        var dashboard = await sample.DashboardAsync();

        (await dashboard.Page.RsiAsync()).ShouldBeAnRsi(dashboard.Strategy.RsiPeriod + 1, dashboard.Ordinal);
    }

    [ChromiumFact]
    public async Task The_equity_line_ends_at_the_equity_card()
    {
        var dashboard = await sample.DashboardAsync();
        var equity = await dashboard.Page.EquityAsync();
        var card = await dashboard.Page.EquityCardAsync();

        equity.Y[^1].Should().NotBeNull();
        ((decimal)equity.Y[^1]!.Value).Should().BeApproximately(card, 0.005m, "the card shows the line's last value to the cent");
    }

    [ChromiumFact]
    public async Task Buy_and_sell_markers_are_the_fills_of_the_trading_log()
    {
        var dashboard = await sample.DashboardAsync();
        var chart = await dashboard.Page.CandleChartAsync();
        var log = await dashboard.Page.TradingLogAsync();

        // The chart covers its candles, the log its newest fills: both must agree where they overlap.
        var from = Math.Max(chart.Candles.X[0], log.Count == 0 ? long.MinValue : log[^1].OpenTime);
        var markers = chart.Markers.Where(m => m.OpenTime >= from).ToArray();
        markers.Select(m => m.Side).Should().Contain(["BUY", "SELL"], "the sample trades both ways within the chart");
        markers.Should().Equal(log.Where(f => f.OpenTime >= from).Reverse(), "each marker is a fill of the log at its candle and price");
        foreach (var trace in new[] { chart.Buys, chart.Sells }) trace.X.ShouldRiseStrictly($"the {trace.Name} markers");
    }

    [ChromiumFact]
    public async Task The_page_logs_no_errors()
    {
        var dashboard = await sample.DashboardAsync();

        dashboard.Errors.Messages.Should().BeEmpty("the page loaded and followed the replay without a console error or uncaught exception");
    }

    private static Ohlc LegendCandle(ChartLegend legend)
    {
        var symbol = ReplayedDashboard.Stream.Symbol;
        return new Ohlc(legend.Time!.Value, (decimal)legend[symbol, "open"]!.Value, (decimal)legend[symbol, "high"]!.Value,
            (decimal)legend[symbol, "low"]!.Value, (decimal)legend[symbol, "close"]!.Value);
    }

    private static Ohlc[] DrawnCandles(DrawnSeries candles)
    {
        var (open, high, low, close) = (candles.Decimals("open"), candles.Decimals("high"), candles.Decimals("low"), candles.Decimals("close"));
        return candles.X.Select((x, i) => new Ohlc(x, open[i], high[i], low[i], close[i])).ToArray();
    }
}
