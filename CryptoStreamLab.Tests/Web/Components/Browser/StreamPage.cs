using System.Globalization;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>The candle chart's traces in the order CandleChart draws them.</summary>
public sealed record CandleChartTraces(PlotTrace Candles, PlotTrace FastMa, PlotTrace SlowMa, PlotTrace Buys, PlotTrace Sells)
{
    public IEnumerable<PlotTrace> All => [Candles, FastMa, SlowMa, Buys, Sells];

    /// <summary>The markers as the trading log words them: candle time, side, price.</summary>
    public IReadOnlyList<ShownFill> Markers =>
        Side(Buys, "BUY").Concat(Side(Sells, "SELL")).OrderBy(m => m.OpenTime).ToArray();

    private static IEnumerable<ShownFill> Side(PlotTrace trace, string side) =>
        trace.X.Zip(trace.Y, (x, y) => new ShownFill(x, side, y is { } price ? DisplayFormat.Price((decimal)price) : "gap"));
}

/// <summary>A fill as the page shows it: its candle's open time, BUY or SELL, and the price as displayed.</summary>
public sealed record ShownFill(long OpenTime, string Side, string Price);

/// <summary>The stream dashboard as a user sees it: its three charts, the equity card and the trading log.</summary>
public sealed class StreamPage(IPage page)
{
    public IPage Page => page;

    public async Task<CandleChartTraces> CandleChartAsync()
    {
        var traces = await PlotlyTraces.ReadAsync(page, "candles");
        traces.Should().HaveCount(5, "the candle chart draws candles, two moving averages, BUY and SELL markers");
        return new CandleChartTraces(traces[0], traces[1], traces[2], traces[3], traces[4]);
    }

    public Task<PlotTrace> RsiAsync() => SingleTraceAsync("rsi");

    public Task<PlotTrace> EquityAsync() => SingleTraceAsync("equity");

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

    private async Task<PlotTrace> SingleTraceAsync(string chart)
    {
        var traces = await PlotlyTraces.ReadAsync(page, chart);
        traces.Should().ContainSingle($"the {chart} chart draws one line");
        return traces[0];
    }
}
