using CryptoStreamLab.Tests.Reliability;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The charts' browser module (LiveChart.razor.js) in Chromium with a stand-in for Plotly whose every redraw costs
/// 100 ms: with that cost the pacing waits its full cap (5 s) after each paced redraw, so which draws are paced shows
/// plainly in the times the stand-in records.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ChartModuleBrowserTests
{
    private const string Origin = "http://charts.test/";

    // Three chart boxes as LiveChart.razor renders them, already plotted (Plotly.Blazor's first draw, without data).
    private const string Page = """
        <!DOCTYPE html><html><body>
        <script>
          window.redraws = [];
          window.Plotly = { react: async element => {
            const started = performance.now();
            while (performance.now() - started < 100) { }
            window.redraws.push({ id: element.id, at: started });
          } };
          for (const id of ['candles', 'rsi', 'equity']) {
            const box = document.createElement('div');
            box.className = 'live-chart';
            box.dataset.empty = 'true';
            const plot = document.createElement('div');
            plot.id = id;
            plot.data = [{ x: [], y: [] }];
            plot.layout = {};
            box.append(plot);
            document.body.append(box);
          }
        </script>
        </body></html>
        """;

    private static async Task<(BrowserSession Session, IPage Page)> OpenAsync()
    {
        var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        var module = Path.Combine(RepositoryPaths.WebProject, "Components", "Charts", "LiveChart.razor.js");
        await page.RouteAsync(Origin + "**", route => route.Request.Url.EndsWith(".js", StringComparison.Ordinal)
            ? route.FulfillAsync(new() { Path = module, ContentType = "text/javascript" })
            : route.FulfillAsync(new() { Body = Page, ContentType = "text/html" }));
        await page.GotoAsync(Origin);
        await page.EvaluateAsync("async () => { window.charts = await import('/LiveChart.razor.js'); }");
        return (session, page);
    }

    private static Task SendAsync(IPage page, string id, double?[] values) => page.EvaluateAsync(
        "([id, values]) => window.charts.updateTail(id, 0, 0, [{ index: 0, columns: { x: values.map((_, i) => i + 1), y: values } }])",
        new object[] { id, values });

    private static Task WaitForRedrawsAsync(IPage page, int count, int timeoutMs) =>
        page.WaitForFunctionAsync("count => window.redraws.length >= count", count, new() { Timeout = timeoutMs, PollingInterval = 20 });

    [ChromiumFact]
    public async Task Every_charts_first_draw_is_immediate_and_only_later_redraws_are_paced()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;

        foreach (var id in new[] { "candles", "rsi", "equity" }) await SendAsync(page, id, [1, 2, 3]);

        // Paced, the second chart would wait the 5 s cap after the first.
        await WaitForRedrawsAsync(page, 3, timeoutMs: 4_000);
        (await page.EvaluateAsync<string[]>("() => window.redraws.map(r => r.id)")).Should().BeEquivalentTo("candles", "rsi", "equity");

        await SendAsync(page, "candles", [1, 2, 3, 4]);
        await SendAsync(page, "rsi", [1, 2, 3, 4]);
        await WaitForRedrawsAsync(page, 5, timeoutMs: 30_000);
        var gap = await page.EvaluateAsync<double>("() => window.redraws[4].at - window.redraws[3].at");
        gap.Should().BeGreaterThanOrEqualTo(4_900, "after the first draws, redraws wait 24 times their cost, here up to the 5 s cap");
    }

    [ChromiumFact]
    public async Task A_chart_is_empty_until_a_value_is_drawn_and_an_update_without_values_is_drawn_at_once()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;

        await SendAsync(page, "rsi", [null, null]);
        await WaitForRedrawsAsync(page, 1, timeoutMs: 4_000);
        (await page.EvaluateAsync<string>("() => document.getElementById('rsi').parentElement.dataset.empty")).Should().Be("true", "times without values are no data");

        await SendAsync(page, "rsi", [null, null, 55.5]);
        await WaitForRedrawsAsync(page, 2, timeoutMs: 4_000);
        (await page.EvaluateAsync<string>("() => document.getElementById('rsi').parentElement.dataset.empty")).Should().Be("false");
    }
}
