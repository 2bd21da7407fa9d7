using CryptoStreamLab.Tests.Reliability;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The charts' browser module (wwwroot/charts/charts.js) in Chromium over the shipped Lightweight Charts build, driven as .NET
/// drives it: create a chart from a descriptor, then updates of its newest points. What the chart holds is read back from
/// the library through the module's registry.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ChartModuleBrowserTests
{
    private const string Origin = "http://charts.test/";
    private const long Minute = 60_000, T0 = 1_770_000_000_000;

    // Three chart boxes as ChartBox.razor renders them, 1000 pixels wide.
    private const string Page = """
        <!DOCTYPE html><html><head><link rel="stylesheet" href="/app.css"></head><body style="width: 1000px">
        <script src="/lib/lightweight-charts/lightweight-charts.standalone.production.js"></script>
        <script>
          for (const kind of ['candles', 'rsi', 'equity']) {
            document.body.insertAdjacentHTML('beforeend', `<div class="live-chart" role="img" aria-label="${kind}" data-chart="${kind}" data-empty="true" style="height: 300px">
              <div class="live-chart-empty" aria-hidden="true">No data yet</div><div class="chart-canvas" id="${kind}"></div><div class="chart-legend"></div></div>`);
          }
        </script>
        </body></html>
        """;

    // The candle chart as CandleChart describes it (with one average), the RSI and equity charts as theirs do.
    private const string Create = """
        async () => {
            window.charts = await import('/charts/charts.js');
            const line = (name, color) => ({ name, kind: 'Line', color, width: 2, style: 'Solid', lastValue: false });
            window.charts.create('candles', { title: 'LTCUSDT 1m', precision: 2, seconds: false, guides: [], range: null, series: [
                { name: 'LTCUSDT', kind: 'Candlestick', color: '#26a69a', downColor: '#ef5350', width: 2, style: 'Solid', volume: true, lastValue: true },
                line('MA 20', '#ffb300'),
                { name: 'BUY', kind: 'Markers', color: '#26a69a', width: 2, style: 'Solid', marker: 'Up' },
                { name: 'SELL', kind: 'Markers', color: '#ef5350', width: 2, style: 'Solid', marker: 'Down' }] }, 'LTCUSDT-1m', null, true);
            window.charts.create('rsi', { title: 'RSI', precision: 2, range: [0, 100], guides: [{ value: 70, color: '#ef5350' }, { value: 30, color: '#26a69a' }],
                series: [line('RSI 14', '#ab47bc')] }, 'LTCUSDT-1m', null, true);
            window.charts.create('equity', { title: 'Value', precision: 2, guides: [{ value: 10000, color: '#8a8f98' }], series: [line('Portfolio value', '#66bb6a')] }, 'LTCUSDT-1m', null, true);
        }
        """;

    // Candles i..i+n-1 (one a minute from T0) as CandleChart sends them, with the average and, for rsi/equity, a value per candle.
    private const string Columns = """
        window.columns = (from, count, close = i => 100 + (i % 7)) => {
            const index = [...Array(count).keys()].map(k => from + k);
            return {
                time: index.map(i => T0 + i * 60000), open: index.map(i => 100 + (i % 5)), high: index.map(i => 110 + (i % 3)),
                low: index.map(i => 90 - (i % 3)), close: index.map(close), volume: index.map(i => 1000 + i),
                value: index.map(i => i < 19 ? null : 50 + (i % 10)),
            };
        };
        """;

    private static async Task<(BrowserSession Session, IPage Page)> OpenAsync()
    {
        var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 1000 } });
        var wwwroot = Path.Combine(RepositoryPaths.WebProject, "wwwroot");
        await page.RouteAsync(Origin + "**", route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath.TrimStart('/');
            return path.Length == 0
                ? route.FulfillAsync(new() { Body = Page, ContentType = "text/html" })
                : route.FulfillAsync(new() { Path = Path.Combine(wwwroot, path), ContentType = path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript" });
        });
        await page.GotoAsync(Origin);
        await page.EvaluateAsync($"() => {{ window.T0 = {T0}; {Columns} }}");
        await page.EvaluateAsync(Create);
        return (session, page);
    }

    // Sends candles [from, from + count) to the candle chart as an update from `fromIndex` on, the window starting at `minIndex`.
    private static Task SendCandlesAsync(IPage page, int minIndex, int fromIndex, int from, int count, int closeOffset = 0) => page.EvaluateAsync(
        """
        ([minX, fromX, from, count, offset]) => {
            const c = window.columns(from, count, i => 100 + (i % 7) + offset);
            window.charts.update('candles', minX, fromX, [{ index: 0, columns: c }, { index: 1, columns: { time: c.time, value: c.value } }]);
        }
        """, new object[] { T0 + minIndex * Minute, T0 + fromIndex * Minute, from, count, closeOffset });

    [ChromiumFact]
    public async Task Every_update_is_in_the_chart_at_once_and_painted_on_the_next_frame_without_pacing()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;

        // The first draw of every chart happens as its points arrive.
        var first = await page.EvaluateAsync<int[]>(
            """
            () => {
                const c = window.columns(0, 300);
                window.charts.update('candles', c.time[0], c.time[0], [{ index: 0, columns: c }, { index: 1, columns: { time: c.time, value: c.value } }]);
                window.charts.update('rsi', c.time[0], c.time[0], [{ index: 0, columns: { time: c.time, value: c.value } }]);
                window.charts.update('equity', c.time[0], c.time[0], [{ index: 0, columns: { time: c.time, value: c.close.map(v => v * 100) } }]);
                return ['candles', 'rsi', 'equity'].map(kind => window.appCharts.read(kind).series[0].x.length);
            }
            """);
        first.Should().Equal(300, 300, 300);

        // Fifty updates a few milliseconds apart, as a busy stream sends them: the open candle moves, and every tenth a new one
        // opens. Each is in the chart when the call returns and on screen in the frame after it, none held back.
        var delays = await page.EvaluateAsync<double[]>(
            """
            async () => {
                const delays = [];
                let last = 299;
                for (let k = 1; k <= 50; k++) {
                    if (k % 10 === 0) last++;
                    const c = window.columns(last, 1, () => 200 + k);
                    const sent = performance.now();
                    window.charts.update('candles', T0, T0 + last * 60000, [{ index: 0, columns: c }]);
                    const close = window.appCharts.read('candles').series[0].close;
                    if (close[close.length - 1] !== 200 + k) return [-k];
                    await new Promise(resolve => requestAnimationFrame(() => resolve()));
                    delays.push(performance.now() - sent);
                    await new Promise(resolve => setTimeout(resolve, 5));
                }
                return delays;
            }
            """);
        delays.Should().HaveCount(50, $"every update was in the chart when the call returned (failed at update {-delays.FirstOrDefault()})");
        delays.Should().OnlyContain(d => d < 250, "each update reached the screen in the next frame, not after a pause");
        var candles = (await ChartReader.ReadAsync(page, "candles"))[0];
        candles.Count.Should().Be(305, "five new candles opened; the others were updated in place");
        candles.X.ShouldRiseStrictly("the candles");
    }

    [ChromiumFact]
    public async Task Times_rise_strictly_the_window_moves_on_and_the_volume_and_fills_follow_the_candles()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;

        await SendCandlesAsync(page, 0, 0, 0, 100);
        // A resent tail that overlaps what is drawn, and a window that moved on by three candles.
        await SendCandlesAsync(page, 3, 98, 97, 5, closeOffset: 1);
        await page.EvaluateAsync(
            "() => window.charts.update('candles', T0 + 3 * 60000, T0 + 101 * 60000, [{ index: 2, columns: { time: [T0 + 10 * 60000, T0 + 50 * 60000, T0 + 50 * 60000], value: [101, 102, 103] } }, { index: 3, columns: { time: [T0 + 60 * 60000], value: [104.5] } }])");

        var chart = await ChartReader.ReadChartAsync(page, "candles");
        var candles = chart!.Series[0];
        candles.X.Should().Equal(Enumerable.Range(3, 99).Select(i => T0 + i * Minute), "candles 3 to 101, each once");
        candles.Decimals("close")[^1].Should().Be(100 + 101 % 7 + 1, "the newest tail replaced what was drawn from its first time on");
        candles.Decimals("close")[94].Should().Be(100 + 97 % 7, "candles before the update's start are kept as drawn");
        chart.Panes.Should().Be(2);
        candles.Volume!.X.Should().Equal(candles.X, "a volume bar per candle");
        candles.Volume.Pane.Should().Be(1);
        chart.Series[1].X.Should().Equal(candles.X, "the average has a point (or gap) per candle");
        chart.Series[1].Y.Take(16).Should().OnlyContain(y => y == null, "a gap while the average warms up");
        chart.Series[2].X.Should().Equal([T0 + 10 * Minute, T0 + 50 * Minute], "a repeated time is dropped");
        chart.Series[3].Decimals("y").Should().Equal(104.5m);
    }

    [ChromiumFact]
    public async Task A_panned_view_stays_where_the_user_put_it_while_candles_arrive()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;
        await SendCandlesAsync(page, 0, 0, 0, 300);
        const string VisibleRange = "() => { const r = window.appCharts.chart('candles').timeScale().getVisibleRange(); return [r.from, r.to]; }";
        const string NextFrame = "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))";

        await page.EvaluateAsync("() => window.appCharts.chart('candles').timeScale().setVisibleLogicalRange({ from: 100, to: 160 })");
        await page.EvaluateAsync(NextFrame);
        var panned = await page.EvaluateAsync<long[]>(VisibleRange);

        for (var i = 300; i < 310; i++) await SendCandlesAsync(page, i - 299, i - 1, i - 1, 2);
        await page.EvaluateAsync(NextFrame);

        (await page.EvaluateAsync<long[]>(VisibleRange)).Should().Equal(panned, "new candles and the window moving on leave a panned view alone");
        (await ChartReader.ReadAsync(page, "candles"))[0].Count.Should().Be(300, "the window kept its size");
    }

    [ChromiumFact]
    public async Task Set_data_replaces_what_a_chart_holds_and_prepend_puts_older_points_in_front_of_the_same_view()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;
        await SendCandlesAsync(page, 0, 0, 100, 200);
        const string VisibleRange = "() => { const r = window.appCharts.chart('candles').timeScale().getVisibleRange(); return [r.from, r.to]; }";
        const string NextFrame = "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))";

        await page.EvaluateAsync("() => { const c = window.columns(1000, 300); window.charts.setData('candles', [{ index: 0, columns: c }]); }");
        (await ChartReader.ReadAsync(page, "candles"))[0].X.Should().Equal(Enumerable.Range(1000, 300).Select(i => T0 + i * Minute), "set data replaces the candles");

        await page.EvaluateAsync(NextFrame);
        var view = await page.EvaluateAsync<long[]>(VisibleRange);
        await page.EvaluateAsync("() => { const c = window.columns(900, 110); window.charts.prepend('candles', [{ index: 0, columns: c }]); }");
        await page.EvaluateAsync(NextFrame);

        var candles = (await ChartReader.ReadAsync(page, "candles"))[0];
        candles.X.Should().Equal(Enumerable.Range(900, 400).Select(i => T0 + i * Minute), "the 100 older candles in front, none of the overlap twice");
        candles.Volume!.X.Should().Equal(candles.X);
        (await page.EvaluateAsync<long[]>(VisibleRange)).Should().Equal(view, "older candles in front leave the view where it was");
    }

    [ChromiumFact]
    public async Task A_chart_is_empty_until_a_value_is_drawn_and_a_theme_switch_recolours_it()
    {
        var (session, page) = await OpenAsync();
        await using var _ = session;
        const string Empty = "() => document.querySelector('[data-chart=rsi]').dataset.empty";

        await page.EvaluateAsync("() => window.charts.update('rsi', T0, T0, [{ index: 0, columns: { time: [T0, T0 + 60000], value: [null, null] } }])");
        (await page.EvaluateAsync<string>(Empty)).Should().Be("true", "times without values are no data");

        await page.EvaluateAsync("() => window.charts.update('rsi', T0, T0 + 60000, [{ index: 0, columns: { time: [T0 + 60000, T0 + 120000], value: [null, 55.5] } }])");
        (await page.EvaluateAsync<string>(Empty)).Should().Be("false");
        (await page.Locator("[data-chart=rsi] .chart-legend [data-series='RSI 14'] .chart-legend-value").GetAttributeAsync("data-value")).Should().Be("55.5");

        const string TextColor = "() => window.appCharts.chart('rsi').options().layout.textColor";
        var dark = await page.EvaluateAsync<string>(TextColor);
        await page.EvaluateAsync("() => window.charts.setTheme('rsi', false)");
        (await page.EvaluateAsync<string>(TextColor)).Should().NotBe(dark, "the light theme has its own colours");
    }
}
