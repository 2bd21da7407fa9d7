using System.Diagnostics;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>What a new user sees in the first seconds: full charts at once, no empty axes, no console errors.</summary>
[Trait("Category", "Browser")]
[Collection(Support.RunsAloneCollection.Name)]
public sealed class FirstImpressionBrowserTests
{
    private static readonly StreamKey Ltc = new("LTCUSDT", KlineInterval.OneMinute);

    // The shipped sample at the demo's own pace (one candle a second), with the replay's default warm start.
    private static readonly Dictionary<string, string?> Replay = new()
    {
        ["MarketData:Source"] = "Replay",
        ["MarketData:Replay:Speed"] = "60",
    };

    private const string ChartState = """
        kind => {
            const box = document.querySelector(`[data-chart=${kind}]`);
            const series = window.appCharts?.read(kind)?.series ?? [];
            const values = series.map(s => (s.close ?? s.y ?? []).filter(v => v !== null && v !== undefined).length);
            return { empty: box.dataset.empty, points: series[0]?.x?.length ?? 0, values: Math.max(0, ...values) };
        }
        """;

    [ChromiumFact]
    public async Task Every_chart_holds_data_within_three_seconds_of_the_first_render()
    {
        await using var server = await DashboardServer.StartAsync(Replay);
        // The replay's warm start publishes six hours of candles at once; the page opens on them.
        await WaitForLtcCandlesAsync(server, 360);

        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1300 } });
        await page.GotoAsync(server.Address + "stream/LTCUSDT/1m");

        // The first interactive render is when the circuit starts the chart module and it creates the first chart; from then on
        // three seconds for all three to be full.
        await page.WaitForFunctionAsync("() => ['candles', 'rsi', 'equity'].some(kind => window.appCharts?.chart(kind))", null, new() { Timeout = 30_000, PollingInterval = 20 });
        var clock = Stopwatch.StartNew();
        await page.WaitForFunctionAsync(
            "() => ['candles', 'rsi', 'equity'].every(kind => { const box = document.querySelector(`[data-chart=${kind}]`); const n = window.appCharts.read(kind)?.series?.[0]?.x?.length ?? 0; return box.dataset.empty === 'false' && n >= (kind === 'candles' ? 300 : 1); })",
            null, new() { Timeout = 3_000, PollingInterval = 50 });
        clock.Stop();

        foreach (var kind in new[] { "candles", "rsi", "equity" })
        {
            var state = await page.EvaluateAsync<ChartShape>(ChartState, kind);
            state.Empty.Should().Be("false", $"the {kind} chart has drawn its data");
            state.Values.Should().BePositive($"the {kind} chart shows values, not only times");
        }
        (await page.EvaluateAsync<ChartShape>(ChartState, "candles")).Points.Should().BeGreaterThanOrEqualTo(300, "Dashboard:ChartCandles is 300");
        await Expect(page.Locator(".live-chart-empty").First).Not.ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ArtifactPath("first-render.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task A_chart_without_values_says_so_instead_of_drawing_placeholder_axes()
    {
        // Two candles: the page opens, but no RSI value exists yet.
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>(Replay)
        {
            ["MarketData:Replay:Speed"] = "1",
            ["MarketData:Replay:Backfill"] = "00:02:00",
        });
        await WaitForLtcCandlesAsync(server, 2);

        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(server.Address + "stream/LTCUSDT/1m");

        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=candles]').dataset.empty === 'false'", null, new() { Timeout = 30_000 });
        var rsi = page.Locator("[data-chart=rsi]");
        await Expect(rsi).ToHaveAttributeAsync("data-empty", "true");
        await Expect(rsi.Locator(".live-chart-empty")).ToBeVisibleAsync();
        await Expect(rsi.Locator(".live-chart-empty")).ToHaveTextAsync("No data yet");
        await Expect(rsi.Locator(".chart-canvas")).Not.ToBeVisibleAsync();
        await Expect(rsi.Locator(".chart-legend")).Not.ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task The_page_loads_without_console_errors_or_failed_requests_and_the_backtest_heading_has_no_focus_ring()
    {
        await using var server = await DashboardServer.StartAsync(Replay);
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (problems) problems.Add($"console: {message.Text}"); };
        page.PageError += (_, error) => { lock (problems) problems.Add($"page error: {error}"); };
        page.Response += (_, response) => { if (response.Status >= 400) lock (problems) problems.Add($"{response.Status} {response.Url}"); };

        await page.GotoAsync(server.Address + "stream/LTCUSDT/1m");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=candles]')?.dataset.empty === 'false'", null, new() { Timeout = 30_000 });
        await page.GotoAsync(server.Address + "backtest");
        var heading = page.Locator("h1", new() { HasText = "Backtest" });
        await Expect(heading).ToBeFocusedAsync(new() { Timeout = 15_000 });
        (await heading.EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle")).Should().Be("none");

        lock (problems) problems.Should().BeEmpty();
    }

    private static Task WaitForLtcCandlesAsync(DashboardServer server, int count) =>
        Eventually.WaitAsync(() => server.Market.Snapshot(Ltc).Candles.Count >= count, TimeSpan.FromSeconds(30),
            () => $"LTCUSDT 1m has {server.Market.Snapshot(Ltc).Candles.Count} candles, expected {count}");

    /// <summary>What a chart shows, as read in the page: its data-empty flag, its first trace's points, its most values.</summary>
    private sealed class ChartShape
    {
        public string Empty { get; set; } = "";

        public int Points { get; set; }

        public int Values { get; set; }
    }
}
