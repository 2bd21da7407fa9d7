using System.Collections.Concurrent;
using CryptoStreamLab.Tests.Web.Components.Browser;
using CryptoStreamLab.Tests.Fakes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// <c>/api/docs</c> in a real browser with every request to another host refused, as on a machine without internet: the
/// reference loads from the app alone, shows every operation, and its "Test Request" reaches the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsBrowserTests
{
    [ChromiumFact]
    public async Task The_reference_works_offline_from_the_app_alone()
    {
        await using var server = await DashboardServer.StartAsync(ApiTestApp.Settings());
        CsvCandleFeeder.ForSample(server.Market).ApplyClosed(100);
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = BrowserErrors.Watch(page);
        var elsewhere = new ConcurrentQueue<string>();
        var fromApp = new ConcurrentQueue<string>();
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != server.Address.Authority)
            {
                elsewhere.Enqueue(route.Request.Url);
                await route.AbortAsync();
                return;
            }
            fromApp.Enqueue(url.AbsolutePath);
            await route.ContinueAsync();
        });

        await page.GotoAsync(new Uri(server.Address, "api/docs").ToString());

        foreach (var summary in new[] { "Every stream with its summary", "Closed candles with moving averages, RSI, signal and action",
                     "Live candles, signals and fills (Server-Sent Events)", "Reset the stream's paper account", "The stream's equity curve" })
            await Expect(page.GetByText(summary).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        fromApp.Should().Contain("/openapi/v1.json");

        // Try the first operation from the reference: the request goes to this app and its answer is shown.
        await page.GetByText("Every stream with its summary").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request" }).First.ClickAsync();
        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync(),
            r => new Uri(r.Url).AbsolutePath == "/api/v1/streams", new() { Timeout = 30_000 });
        answer.Status.Should().Be(200);
        // The symbol is in no example of the document: this is the answer shown.
        await Expect(page.GetByText("\"LTCUSDT\"").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        elsewhere.Should().BeEmpty("the reference needs nothing from another host");
        errors.Messages.Should().BeEmpty();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ArtifactPath("api-docs.png") });
    }
}
