using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The candle chart scrolls back into the archive: a stream whose archive holds 1,500 older LTCUSDT candles (the engine
/// starts from its newest 1,000) and whose live buffer then gets 10 more, shown as the newest 100 on the chart. Panned
/// left in the page, the chart loads the archive's candles before its oldest, a chunk at a time, with their averages and
/// RSI, stops at the archive's start, and keeps following live candles.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ScrollBackBrowserTests : IDisposable
{
    private const int Archived = 1_500, Live = 10, Shown = 100;
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;

    private readonly DirectoryInfo _archive = Directory.CreateTempSubdirectory("scroll-back-archive-");

    // Records every state the candle chart's scroll-back goes through, so a request made and answered between two
    // polls is still seen.
    private const string WatchHistoryStates = """
        () => {
            const box = document.querySelector('[data-chart=candles]');
            window.__historyStates = [];
            new MutationObserver(() => window.__historyStates.push(box.dataset.history))
                .observe(box, { attributes: true, attributeFilter: ['data-history'] });
        }
        """;

    // Shows the candle chart from one open time to another, as a drag or wheel would: the chart's view is a range of candle
    // positions counted from its oldest candle (negative before it), one a minute on this stream.
    private const string Pan = """
        ([from, to]) => {
            const x = window.appCharts.read('candles').series[0].x;
            const position = time => (time - x[0]) / 60000;
            window.appCharts.chart('candles').timeScale().setVisibleLogicalRange({ from: position(from), to: position(to) });
        }
        """;

    // The first and last open time of a chart's first series, and how many it holds.
    private const string Extent = """
        chart => {
            const x = window.appCharts?.read(chart)?.series?.[0]?.x ?? [];
            return x.length === 0 ? null : [x[0], x[x.length - 1], x.length];
        }
        """;

    // Both charts show the same time range (the times of their first and last candle in view).
    private const string SameTimeRange = """
        () => {
            const range = kind => window.appCharts.chart(kind).timeScale().getVisibleRange();
            const candles = range('candles'), rsi = range('rsi');
            return candles !== null && rsi !== null && candles.from === rsi.from && candles.to === rsi.to;
        }
        """;

    [ChromiumFact]
    public async Task Panning_the_candle_chart_left_loads_older_candles_from_the_archive_and_live_candles_still_arrive()
    {
        foreach (var day in Sample.Take(Archived).GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(_archive.FullName, day.Key), day.ToList());
        await using var server = await DashboardServer.StartAsync(DashboardServer.NoMarketData.Concat(new Dictionary<string, string?>
        {
            ["MarketData:Symbols:0"] = Ltc.Symbol,
            ["Archive:Path"] = _archive.FullName,
            ["Dashboard:ChartCandles"] = Shown.ToString(),
        }));
        for (var i = Archived; i < Archived + Live; i++) server.Market.Apply(Sample[i]);
        await Eventually.WaitAsync(() => server.Market.Snapshot(Ltc).Candles is { Count: > 0 } c && c[^1].OpenTime == Sample[Archived + Live - 1].OpenTime,
            TimeSpan.FromSeconds(30), () => "the live candles reach the buffer");
        var newestShown = Archived + Live - 1;
        var oldestShown = newestShown - Shown + 1;

        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1300 } });
        var errors = BrowserErrors.Watch(page);
        var stream = new StreamPage(page);
        await page.GotoAsync(server.Address + "stream/LTCUSDT/1m");
        foreach (var chart in new[] { "candles", "rsi" }) await WaitForExtentAsync(page, chart, oldestShown, newestShown, 60_000);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=candles]').dataset.history === 'idle'", null, new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => window.__sameDocument = true");
        await page.EvaluateAsync(WatchHistoryStates);

        // Left edge 110 candles before the oldest shown: one chunk of 500 covers it.
        await page.EvaluateAsync(Pan, new[] { Sample[oldestShown - 110].OpenTime, Sample[oldestShown + 10].OpenTime });
        var firstChunk = oldestShown - ArchiveLookback.ChunkSize;
        await WaitForExtentAsync(page, "candles", firstChunk, newestShown, 30_000);
        await WaitForExtentAsync(page, "rsi", firstChunk, newestShown, 30_000);
        await WaitForHistoryStateAsync(page, "idle");

        var reference = WholeSeries(Archived + Live);
        var chart1 = await stream.CandleChartAsync();
        chart1.Candles.X.Should().Equal(Sample.Skip(firstChunk).Take(newestShown - firstChunk + 1).Select(c => c.OpenTime),
            "the 500 archived candles before the oldest shown are put in front of it, each once, in order");
        chart1.Candles.Decimals("close").Should().Equal(Sample.Skip(firstChunk).Take(newestShown - firstChunk + 1).Select(c => c.Close));
        ShouldMatch(chart1.FastMa, reference, e => e.FastMa, "MA fast");
        ShouldMatch(chart1.SlowMa, reference, e => e.SlowMa, "MA slow");
        ShouldMatch(await stream.RsiAsync(), reference, e => e.Rsi, "the RSI chart");
        // The RSI chart follows the candle chart's time range, here the panned one, not all its candles.
        await page.WaitForFunctionAsync(SameTimeRange, null, new() { Timeout = 10_000 });
        (await page.EvaluateAsync<long>("() => window.appCharts.chart('rsi').timeScale().getVisibleRange().to"))
            .Should().Be(Sample[oldestShown + 10].OpenTime / 1000, "the RSI chart ends its view where the candle chart does");

        // Far before the archive's start: chunk after chunk until the first archived candle, then no more requests.
        await page.EvaluateAsync(Pan, new[] { Sample[0].OpenTime - 86_400_000L, Sample[200].OpenTime });
        await WaitForExtentAsync(page, "candles", 0, newestShown, 30_000);
        await WaitForHistoryStateAsync(page, "end");
        var chart2 = await stream.CandleChartAsync();
        chart2.Candles.X.Should().Equal(Sample.Take(newestShown + 1).Select(c => c.OpenTime), "the whole archive, then the live buffer");
        ShouldMatch(chart2.SlowMa, reference, e => e.SlowMa, "MA slow over the whole archive");
        ShouldMatch(await stream.RsiAsync(), reference, e => e.Rsi, "the RSI over the whole archive");

        await page.EvaluateAsync("() => window.__historyStates.length = 0");
        await page.EvaluateAsync(Pan, new[] { Sample[0].OpenTime - 7 * 86_400_000L, Sample[100].OpenTime });
        // A live candle applied now must be drawn; by then the pan's handler has long run.
        var live = Sample[newestShown + 1];
        server.Market.Apply(live with { IsClosed = false, Close = live.Open, High = live.Open, Low = live.Open });
        server.Market.Apply(live);
        await WaitForExtentAsync(page, "candles", 0, newestShown + 1, 30_000);
        (await page.EvaluateAsync<string[]>("() => window.__historyStates")).Should().NotContain("loading", "past the archive's start nothing more is asked for");
        (await stream.CandleChartAsync()).Candles.Decimals("close")[^1].Should().Be(live.Close, "the live candle is drawn after the history, closed");
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).Should().BeTrue("older candles arrive without reloading the page");
        errors.Messages.Should().BeEmpty();
    }

    /// <summary>Waits until the chart's first trace runs from the sample's candle <paramref name="first"/> to <paramref name="last"/>.</summary>
    private static async Task WaitForExtentAsync(IPage page, string chart, int first, int last, float timeoutMs)
    {
        try
        {
            await page.WaitForFunctionAsync(
                $"([chart, first, last]) => {{ const e = ({Extent})(chart); return e !== null && e[0] === first && e[1] === last; }}",
                new object[] { chart, Sample[first].OpenTime, Sample[last].OpenTime }, new() { Timeout = timeoutMs, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var extent = await page.EvaluateAsync<long[]?>(Extent, chart);
            throw new TimeoutException($"The {chart} chart holds {(extent is null ? "nothing" : $"{extent[2]} points from {extent[0]} to {extent[1]}")}, " +
                $"expected candles {first} ({Sample[first].OpenTime}) to {last} ({Sample[last].OpenTime}).");
        }
    }

    private static Task WaitForHistoryStateAsync(IPage page, string state) => page.WaitForFunctionAsync(
        "state => document.querySelector('[data-chart=candles]').dataset.history === state", state, new() { Timeout = 30_000 });

    /// <summary>The values an engine run over the stream from its first candle gives each candle, by open time.</summary>
    private static Dictionary<long, Evaluation> WholeSeries(int count)
    {
        var engine = new StreamEngine(Ltc, new EngineSettings(new StrategyOptions(), new TradingOptions(), count));
        foreach (var candle in Sample.Take(count)) engine.Apply(candle);
        return engine.Evaluations.ToArray().ToDictionary(e => e.Candle.OpenTime);
    }

    private static void ShouldMatch(DrawnSeries trace, Dictionary<long, Evaluation> reference, Func<Evaluation, double> value, string what)
    {
        var problems = trace.X.Zip(trace.Y, (x, y) => (x, y, expected: value(reference[x])))
            .Where(p => double.IsFinite(p.expected) ? p.y is not { } y || Math.Abs(y - p.expected) > 1e-9 * Math.Max(1, Math.Abs(p.expected)) : p.y is not null)
            .Select(p => $"{p.x}: {p.y?.ToString() ?? "gap"}, expected {p.expected}")
            .Take(5)
            .ToList();
        problems.Should().BeEmpty($"{what} equals an engine's over the whole series, gaps where it warms up");
    }

    public void Dispose() => _archive.Delete(recursive: true);
}
