using System.Text.Json;
using System.Text.RegularExpressions;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The LTCUSDT sample replayed to its end with three strategies, watched on /stream/LTCUSDT/1m: the comparison table against
/// the API, then each other strategy chosen in the selector, its overlays, markers and trading log against the API.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class StrategySwitchBrowserTests
{
    private const float Timeout = 60_000;

    private static readonly Dictionary<string, string?> ThreeStrategies = new()
    {
        ["Strategies:0:Type"] = "CrossoverRsi",
        ["Strategies:0:BuyRsiMin"] = "0",
        ["Strategies:0:BuyRsiMax"] = "100",
        ["Strategies:0:SellRsiMin"] = "0",
        ["Strategies:1:Type"] = "DonchianBreakout",
        ["Strategies:2:Type"] = "BollingerReversion",
        ["Strategies:2:Name"] = "bb",
    };

    [ChromiumFact]
    public async Task Switching_strategies_shows_each_one_s_series_fills_and_log_beside_a_comparison_that_matches_the_api()
    {
        await using var dashboard = await ReplayedDashboard.StartAsync(settings: ThreeStrategies);
        var page = dashboard.Page.Page;
        using var http = new HttpClient { BaseAddress = dashboard.Server.Address };
        using var stream = JsonDocument.Parse(await http.GetStringAsync("api/v1/streams/LTCUSDT/1m"));
        var strategies = stream.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        strategies.Select(s => s.GetProperty("name").GetString()).Should().Equal("CrossoverRsi", "DonchianBreakout", "bb");

        // The comparison: every strategy, best return first, each return as the API has it.
        var expectedRows = strategies.OrderByDescending(s => s.GetProperty("pnl_percent").GetDecimal())
            .Select(s => new[] { s.GetProperty("name").GetString()!, DisplayFormat.Percent(s.GetProperty("pnl_percent").GetDecimal()) }).ToList();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=comparison-table] tbody tr').length === 3", null, new() { Timeout = Timeout });
        var rows = await page.Locator("[data-testid=comparison-table] tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.cells[0].innerText.trim(), r.cells[1].innerText.trim()])");
        rows.Should().BeEquivalentTo(expectedRows, o => o.WithStrictOrdering());
        (await ChartReader.ReadAsync(page, "comparison")).Select(t => t.Name).Should().Equal("CrossoverRsi", "DonchianBreakout", "bb", "Buy and hold");

        foreach (var (name, index) in new[] { ("bb", 2), ("DonchianBreakout", 1) })
        {
            var strategy = strategies[index];
            var series = strategy.GetProperty("series").EnumerateObject().ToList();
            string[] names = [dashboard.File[0].Symbol, .. series.Select(p => p.Name), "BUY", "SELL"];

            await page.Locator("[data-testid=strategy-select] .mud-chip").Filter(new() { HasTextRegex = new Regex($"^\\s*{name}\\s*$") }).ClickAsync();

            // The address names the choice (Blazor navigates within the page), and the charts are drawn afresh for it.
            await page.WaitForFunctionAsync(
                """
                names => {
                    const series = window.appCharts?.read('candles')?.series;
                    return location.pathname === '/stream/LTCUSDT/1m' && location.search === `?strategy=${names.strategy}`
                        && document.querySelector('[data-testid=stream-dashboard]')?.dataset.strategy === names.strategy && series
                        && JSON.stringify(series.map(s => s.name)) === JSON.stringify(names.traces) && (series[0].x?.length ?? 0) > 0;
                }
                """, new { strategy = name, traces = names }, new() { Timeout = Timeout });
            (await page.Locator("[data-chart=rsi], [data-chart=panel]").CountAsync()).Should().Be(0, $"{name} draws no panel");

            var traces = await ChartReader.ReadAsync(page, "candles");
            for (var k = 0; k < series.Count; k++)
            {
                var drawn = traces[1 + k].Y[^1];
                drawn.Should().NotBeNull($"{name}'s {series[k].Name} is ready on the last candle");
                drawn!.Value.Should().BeApproximately(series[k].Value.GetDouble(), 1e-9, $"{name}'s {series[k].Name} ends at the API's value");
            }

            using var fills = JsonDocument.Parse(await http.GetStringAsync($"api/v1/streams/LTCUSDT/1m/fills?strategy={name}"));
            var apiFills = fills.RootElement.GetProperty("fills").EnumerateArray()
                .Select(f => new ShownFill(f.GetProperty("open_time").GetInt64(), f.GetProperty("side").GetString()!, DisplayFormat.Price(f.GetProperty("price").GetDecimal())))
                .ToList();
            apiFills.Should().NotBeEmpty($"{name} trades on the sample");
            var firstDrawn = traces[0].X[0];
            var markers = new CandleChartTraces(traces[0], traces[1], traces[2], traces[^2], traces[^1]).Markers;
            markers.Should().Equal(apiFills.Where(f => f.OpenTime >= firstDrawn), $"the markers are {name}'s fills on the candles drawn");

            var log = await dashboard.Page.TradingLogAsync();
            log.Should().Equal(Enumerable.Reverse(apiFills).Take(TradingLog.MaxRows), $"the trading log is {name}'s, newest first");
            (await page.Locator("[data-testid=trading-log] caption").InnerTextAsync()).Should().Contain($"· {name}");
            (await dashboard.Page.EquityCardAsync()).Should().BeApproximately(strategy.GetProperty("equity").GetDecimal(), 0.005m, $"the equity card is {name}'s");
        }

        dashboard.Errors.Messages.Should().BeEmpty("switching strategies logged no console error");
    }
}
