using System.Text.Json;
using CryptoStreamLab.Web.Components.Dashboard;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The LTCUSDT sample replayed to its end, its page opened at a past time (?at=): the banner, the cash and equity cards as
/// <c>GET …/at?time=</c> has them and the candle chart ending on that candle; Back to live returns to the newest candle.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class RewindBrowserTests
{
    private const float Timeout = 60_000;

    [ChromiumFact]
    public async Task The_page_at_a_past_time_shows_the_account_the_api_gives_for_it_and_back_to_live_returns()
    {
        await using var dashboard = await ReplayedDashboard.StartAsync();
        var page = dashboard.Page.Page;
        using var http = new HttpClient { BaseAddress = dashboard.Server.Address };
        // A candle the live buffer still holds, well before the newest.
        var candle = dashboard.File[^150];
        var at = RewoundView.QueryForm(candle.OpenTime + 30_000);
        using var response = await http.GetAsync($"api/v1/streams/LTCUSDT/1m/at?time={at}");
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        using var moment = JsonDocument.Parse(body);
        var root = moment.RootElement;
        root.GetProperty("as_of").GetInt64().Should().Be(candle.OpenTime);

        await page.GotoAsync(dashboard.Server.Address + $"stream/LTCUSDT/1m?at={at}");

        await page.WaitForFunctionAsync(
            "x => { const s = window.appCharts?.read('candles')?.series?.[0]; const n = s?.x?.length ?? 0; return n > 0 && s.x[n - 1] === x; }",
            candle.OpenTime, new() { Timeout = Timeout });
        (await page.Locator("[data-testid=rewind-viewing]").InnerTextAsync()).Should().Be($"Viewing {RewindControl.Label(candle.OpenTime + 30_000)} UTC");
        (await page.Locator("[data-testid=cash]").InnerTextAsync()).Should().Be(DisplayFormat.Money(root.GetProperty("cash").GetDecimal()));
        (await page.Locator("[data-testid=equity]").InnerTextAsync()).Should().Be(DisplayFormat.Money(root.GetProperty("equity").GetDecimal()));
        (await page.Locator("[data-testid=last-price]").InnerTextAsync()).Should().Be(DisplayFormat.Price(candle.Close));

        await page.Locator("[data-testid=rewind-live]").ClickAsync();

        var newest = dashboard.File[^1];
        await page.WaitForFunctionAsync(
            "x => { const s = window.appCharts?.read('candles')?.series?.[0]; const n = s?.x?.length ?? 0; return location.search === '' && n > 0 && s.x[n - 1] === x; }",
            newest.OpenTime, new() { Timeout = Timeout });
        (await page.Locator("[data-testid=rewind-banner]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=equity]").InnerTextAsync()).Should().Be(DisplayFormat.Money(dashboard.Server.Market.Snapshot(ReplayedDashboard.Stream).Equity));
        dashboard.Errors.Messages.Should().BeEmpty("rewinding and returning logged no console error or uncaught exception");
    }
}
