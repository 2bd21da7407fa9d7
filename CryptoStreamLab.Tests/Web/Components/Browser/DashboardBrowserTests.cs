using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests
{
    // The whole pipeline: the shipped sample replayed through the embedded Kafka broker into the engine, 50 candles
    // a second (four updates each), so indicators are ready and the LTCUSDT account has traded within seconds.
    private static readonly Dictionary<string, string?> Replay = new()
    {
        ["MarketData:Source"] = "Replay",
        ["MarketData:Replay:Speed"] = "3000",
        ["MarketData:Replay:UpdatesPerCandle"] = "4",
    };

    // The chart exists and its first series holds more than 100 points.
    private const string HasPoints = "kind => (window.appCharts?.read(kind)?.series?.[0]?.x?.length ?? 0) > 100";

    [ChromiumFact]
    public async Task The_dashboard_draws_charts_and_the_log_and_moves_without_a_reload()
    {
        await using var server = await DashboardServer.StartAsync(Replay);

        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1300 } });
        await page.GotoAsync(server.Address + "stream/LTCUSDT/1m");

        foreach (var chart in new[] { "candles", "rsi", "equity" })
        {
            // The module has created the chart and filled it with the buffer's points, and its canvas shows.
            await page.WaitForFunctionAsync(HasPoints, chart, new() { Timeout = 20_000 });
            await Expect(page.Locator($"[data-chart={chart}] canvas").First).ToBeVisibleAsync();
        }

        (await ChartReader.ReadAsync(page, "candles"))[0].Kind.Should().Be("Candlestick");
        await Expect(page.Locator("[data-testid=trading-log] caption")).ToContainTextAsync("Trading log");
        await Expect(page.Locator("[data-testid=trading-log] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=stream-nav]")).ToContainTextAsync("BTCUSDT 1m");
        await Expect(page.Locator("[data-testid=source-chip]")).ToContainTextAsync("Replay live");
        await Expect(page.Locator("[data-testid=kafka-chip]")).ToContainTextAsync("lag");

        // A marker on the window survives only if the page is never reloaded.
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var lastPrice = page.Locator("[data-testid=last-price]");
        var first = await lastPrice.InnerTextAsync();
        await Expect(lastPrice).Not.ToHaveTextAsync(first, new() { Timeout = 10_000 });
        var second = await lastPrice.InnerTextAsync();
        await Expect(lastPrice).Not.ToHaveTextAsync(second, new() { Timeout = 10_000 });
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).Should().BeTrue("the price must change by push, not by reloading");

        // That the candle chart's newest candle equals the stream's is checked on a replay that has settled
        // (DashboardChartTests): on this looping replay the price moves 200 times a second and the card and the chart
        // follow it at the render limit, so comparing the two here would be a race.

        await page.ScreenshotAsync(new() { Path = BrowserSession.ArtifactPath("dashboard.png"), FullPage = true });
        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ArtifactPath("dashboard-light.png"), FullPage = true });

        var phone = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await phone.GotoAsync(server.Address + "stream/LTCUSDT/1m");
        await phone.WaitForFunctionAsync(HasPoints, "candles", new() { Timeout = 20_000 });
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        overflow.Should().BeFalse("the page must fit a phone's width without sideways scrolling");
        // Every item of the app bar lies inside its box: nothing is cut off at its right edge.
        var cut = await phone.EvaluateAsync<string[]>(@"() => {
            const bar = document.querySelector('.mud-appbar .mud-toolbar').getBoundingClientRect();
            return [...document.querySelectorAll('.mud-appbar [data-testid], .mud-appbar .mud-chip, .mud-appbar button, .mud-appbar a')]
              .filter(e => e.offsetParent !== null)
              .filter(e => { const r = e.getBoundingClientRect(); return r.right > bar.right + 0.5 || r.left < bar.left - 0.5 || e.scrollWidth > e.clientWidth + 1; })
              .map(e => e.getAttribute('data-testid') || e.textContent.trim()); }");
        cut.Should().BeEmpty("the app bar fits a 390-pixel phone: no chip or button is cut off");
        (await phone.IsVisibleAsync("[data-testid=source-chip]")).Should().BeTrue();
        (await phone.IsVisibleAsync("[data-testid=backtest-link-compact]")).Should().BeTrue("the Backtest link stays reachable as an icon");
        await phone.ScreenshotAsync(new() { Path = BrowserSession.ArtifactPath("dashboard-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task A_stream_without_candles_says_it_is_waiting()
    {
        await using var server = await DashboardServer.StartAsync(
            DashboardServer.NoMarketData.Append(new("MarketData:Symbols:0", "LINKUSDT")));
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(server.Address + "stream/LINKUSDT/1m");
        await Expect(page.Locator("[data-testid=waiting]")).ToContainTextAsync("Waiting for market data…", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=source-chip]")).ToContainTextAsync("Binance", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=pipeline-status]")).Not.ToContainTextAsync("live");
    }
}
