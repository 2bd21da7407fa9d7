using System.Globalization;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>The candle chart's traces in the order CandleChart draws them.</summary>
public sealed record CandleChartTraces(DrawnSeries Candles, DrawnSeries FastMa, DrawnSeries SlowMa, DrawnSeries Buys, DrawnSeries Sells)
{
    public IEnumerable<DrawnSeries> All => [Candles, FastMa, SlowMa, Buys, Sells];

    /// <summary>The markers as the trading log words them: candle time, side, price.</summary>
    public IReadOnlyList<ShownFill> Markers =>
        Side(Buys, "BUY").Concat(Side(Sells, "SELL")).OrderBy(m => m.OpenTime).ToArray();

    private static IEnumerable<ShownFill> Side(DrawnSeries trace, string side) =>
        trace.X.Zip(trace.Y, (x, y) => new ShownFill(x, side, y is { } price ? DisplayFormat.Price((decimal)price) : "gap"));
}

/// <summary>A fill as the page shows it: its candle's open time, BUY or SELL, and the price as displayed.</summary>
public sealed record ShownFill(long OpenTime, string Side, string Price);

/// <summary>
/// A chart's legend as the page shows it: the candle's open time, whether the crosshair is on it, and each value as drawn
/// (the raw number; null for a gap) by series name and field (open, high, low, close, volume or value).
/// </summary>
public sealed record ChartLegend(long? Time, bool Hover, IReadOnlyDictionary<(string Series, string Field), double?> Values)
{
    public double? this[string series, string field] => Values.TryGetValue((series, field), out var value) ? value : throw new KeyNotFoundException($"the legend shows no {field} of {series}");
}

/// <summary>The stream dashboard as a user sees it: its three charts, the equity card and the trading log.</summary>
public sealed class StreamPage(IPage page)
{
    public IPage Page => page;

    public async Task<CandleChartTraces> CandleChartAsync()
    {
        var traces = await ChartReader.ReadAsync(page, "candles");
        traces.Should().HaveCount(5, "the candle chart draws candles, two moving averages, BUY and SELL markers");
        return new CandleChartTraces(traces[0], traces[1], traces[2], traces[3], traces[4]);
    }

    public Task<DrawnSeries> RsiAsync() => SingleTraceAsync("rsi");

    /// <summary>The legend of a chart (by its data-chart name).</summary>
    public async Task<ChartLegend> LegendAsync(string chart = "candles")
    {
        var legend = await page.EvaluateAsync<string[][]>(
            """
            chart => {
                const legend = document.querySelector(`[data-chart=${chart}] .chart-legend`);
                return [[legend.dataset.time ?? '', legend.dataset.hover ?? '', ''],
                    ...[...legend.querySelectorAll('[data-field]')].map(e => [e.dataset.series, e.dataset.field, e.querySelector('.chart-legend-value').dataset.value ?? ''])];
            }
            """, chart);
        var values = legend.Skip(1).ToDictionary(
            v => (v[0], v[1]), v => v[2].Length == 0 ? (double?)null : double.Parse(v[2], CultureInfo.InvariantCulture));
        return new ChartLegend(legend[0][0].Length == 0 ? null : long.Parse(legend[0][0], CultureInfo.InvariantCulture), legend[0][1] == "true", values);
    }

    /// <summary>
    /// Moves the mouse over the candle opening at <paramref name="openTime"/>, half-way up the candle chart's price pane, as a
    /// user would, and waits until the legend shows that candle.
    /// </summary>
    public async Task HoverCandleAsync(long openTime)
    {
        await page.Locator("[data-chart=candles]").ScrollIntoViewIfNeededAsync();
        var point = await page.EvaluateAsync<double[]?>(
            """
            time => {
                const chart = window.appCharts.chart('candles');
                const x = chart.timeScale().timeToCoordinate(time / 1000);
                if (x === null) return null;
                const box = chart.chartElement().getBoundingClientRect();
                return [box.left + x, box.top + chart.paneSize(0).height / 2];
            }
            """, openTime);
        point.Should().NotBeNull($"the candle at {openTime} is in the candle chart's view");
        await page.Mouse.MoveAsync((float)point![0], (float)point[1]);
        await page.WaitForFunctionAsync(
            "time => { const legend = document.querySelector('[data-chart=candles] .chart-legend'); return legend.dataset.hover === 'true' && legend.dataset.time === String(time); }",
            openTime, new() { Timeout = 10_000 });
    }

    public Task<DrawnSeries> EquityAsync() => SingleTraceAsync("equity");

    /// <summary>The equity card's figure.</summary>
    public async Task<decimal> EquityCardAsync() =>
        decimal.Parse(await page.Locator("[data-testid=equity]").InnerTextAsync(), NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The trading log's rows, newest first.</summary>
    public async Task<IReadOnlyList<ShownFill>> TradingLogAsync()
    {
        var rows = await page.Locator("[data-testid=trading-log] tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.filter(r => r.cells.length >= 3).map(r => [r.cells[0].innerText, r.cells[1].innerText, r.cells[2].innerText])");
        return rows.Select(r => new ShownFill(
                DateTimeOffset.ParseExact(r[0].Trim(), "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds(),
                r[1].Trim().Split(' ')[0],
                r[2].Trim()))
            .ToArray();
    }

    private async Task<DrawnSeries> SingleTraceAsync(string chart)
    {
        var traces = await ChartReader.ReadAsync(page, chart);
        traces.Should().ContainSingle($"the {chart} chart draws one line");
        return traces[0];
    }
}
