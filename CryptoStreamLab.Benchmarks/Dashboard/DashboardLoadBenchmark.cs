using System.Diagnostics;
using System.Globalization;
using System.Text;
using CryptoStreamLab.Benchmarks.Api;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Web.Components.Browser;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Benchmarks.Dashboard;

/// <summary>
/// Browser circuits (20 unless told) watch one stream that changes 10 times a second. Measures the server's CPU and memory
/// and, for every update, how long until each browser's DOM shows it or a later one (updates in between are
/// coalesced by the render limit, so "or a later one" is what a viewer experiences).
/// <c>dashboard-load [--circuits 20] [--chart-candles 300] [--renders-per-second 4] [--no-chart-redraws]</c>; the app and Chromium's pages are
/// those of the browser tests (<see cref="DashboardServer"/>, <see cref="BrowserSession"/>, shared with them as source).
/// </summary>
public sealed class DashboardLoadBenchmark
{
    private const int UpdatesPerSecond = 10;
    private const int UpdatesPerCandle = 10;
    private const decimal Tick = 0.001m;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(30);

    /// <summary>The browser tests' sample: LTCUSDT 1m, February 2026 (copied beside the benchmark from their TestData).</summary>
    private const string SampleFile = "LTCUSDT-1m-2026-02-first3000.csv.gz";
    private static readonly StreamKey Stream = new("LTCUSDT", KlineInterval.OneMinute);

    private readonly int _circuits;
    private readonly int _chartCandles;
    private readonly int _rendersPerSecond;

    // Optional comparison: the same load with the browsers' charts removed once drawn (their updates then find no chart), which
    // separates what the charts cost the browsers from what the pipeline and the circuits cost.
    private readonly bool _withoutChartRedraws;

    private DashboardLoadBenchmark(int circuits, int chartCandles, int rendersPerSecond, bool withoutChartRedraws)
    {
        _circuits = circuits;
        _chartCandles = chartCandles;
        _rendersPerSecond = rendersPerSecond;
        _withoutChartRedraws = withoutChartRedraws;
    }

    // Records when the last-price card's text changes, in epoch milliseconds on the machine's clock.
    private const string ObservePrice = """
        () => {
            window.__seen = [];
            const card = document.querySelector('[data-testid=last-price]');
            const record = () => window.__seen.push([card.textContent.trim(), performance.timeOrigin + performance.now()]);
            new MutationObserver(record).observe(card, { subtree: true, childList: true, characterData: true });
        }
        """;

    // Records every chart update the page drew: which chart, when, and how long the chart module took to apply it (wall clock,
    // in the page; the library paints it in the next animation frame, which the main-thread figures include).
    private const string CountRedraws = """
        () => {
            window.__redraws = [];
            window.appCharts.onDraw = (kind, startedAt, ms) => window.__redraws.push([kind, startedAt, ms]);
        }
        """;

    // Removes the page's charts: the module forgets them, so later updates find nothing to draw.
    private const string RemoveCharts = """
        async () => {
            const charts = await import('/charts/charts.js');
            for (const canvas of document.querySelectorAll('.live-chart .chart-canvas')) charts.forget(canvas.id);
        }
        """;

    public static Task RunAsync(string[] args)
    {
        var circuits = (int)ApiBenchHost.Option(args, "--circuits", 20);
        if (circuits <= 0) throw new ArgumentException("--circuits must be at least 1.");
        var benchmark = new DashboardLoadBenchmark(circuits, (int)ApiBenchHost.Option(args, "--chart-candles", 300),
            (int)ApiBenchHost.Option(args, "--renders-per-second", 4), args.Contains("--no-chart-redraws"));
        Console.WriteLine($"dashboard-load: {circuits} browser circuits, {UpdatesPerSecond} updates/s; {ApiBenchHost.Machine()}");
        return benchmark.MeasureAsync();
    }

    private async Task MeasureAsync()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["MarketData:Symbols:0"] = Stream.Symbol,
            ["MarketData:Intervals:0"] = "1m",
            // Candles come from the feeder alone: the live feed points where nothing listens.
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Dashboard:ChartCandles"] = _chartCandles.ToString(CultureInfo.InvariantCulture),
            ["Dashboard:MaxRendersPerSecond"] = _rendersPerSecond.ToString(CultureInfo.InvariantCulture),
            // The report is the output: the feed's reconnect warnings would bury it.
            ["Logging:LogLevel:Default"] = "Error",
        });
        var sample = Path.Combine(AppContext.BaseDirectory, "TestData", SampleFile);
        foreach (var candle in KlineCsvReader.ReadFile(sample, Stream.Symbol, Stream.Interval).Take(1_000)) server.Market.Apply(candle);
        var basePrice = server.Market.Snapshot(Stream).LastClose!.Value;
        var nextOpen = server.Market.Snapshot(Stream).Candles[^1].OpenTime + 60_000;

        await using var session = await BrowserSession.LaunchAsync();
        var pages = new List<IPage>();
        for (var i = 0; i < _circuits; i++)
        {
            var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            await page.GotoAsync(server.Address.ToString());
            await page.WaitForFunctionAsync(
                "n => (window.appCharts?.read('candles')?.series?.[0]?.x?.length ?? 0) >= n", _chartCandles, new() { Timeout = 60_000 });
            await page.EvaluateAsync(ObservePrice);
            if (_withoutChartRedraws) await page.EvaluateAsync(RemoveCharts);
            await page.EvaluateAsync(CountRedraws);
            pages.Add(page);
        }

        var devTools = new List<ICDPSession>();
        foreach (var page in pages)
        {
            var devToolsSession = await page.Context.NewCDPSessionAsync(page);
            await devToolsSession.SendAsync("Performance.enable");
            devTools.Add(devToolsSession);
        }

        var applied = new List<(long Seq, double AtMs)>();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = TimeSpan.Zero;
        var machineBefore = MachineCpu.Read();
        var chromiumBefore = ChromiumCpu.Read();
        Task<MainThreadTime> mainThreadBefore = Task.FromResult(default(MainThreadTime));
        var wall = Stopwatch.StartNew();
        long peakWorkingSet = 0;
        var measuring = false;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / UpdatesPerSecond));
        var total = (int)((Warmup + Measured).TotalSeconds * UpdatesPerSecond);
        for (var seq = 1; seq <= total; seq++)
        {
            await timer.WaitForNextTickAsync();
            if (!measuring && seq > Warmup.TotalSeconds * UpdatesPerSecond)
            {
                measuring = true;
                process.Refresh();
                cpuBefore = process.TotalProcessorTime;
                machineBefore = MachineCpu.Read();
                chromiumBefore = ChromiumCpu.Read();
                mainThreadBefore = MainThreadTime.ReadAsync(devTools);
                wall.Restart();
            }

            var candle = Update(seq, basePrice, ref nextOpen);
            var appliedAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            if (server.Market.Apply(candle) is var outcome && outcome != CandleApplyOutcome.Applied)
                throw new InvalidOperationException($"update {seq} was {outcome}, not applied");
            if (measuring) applied.Add((seq, appliedAt));
            if (seq % UpdatesPerSecond == 0)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            }
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore) / wall.Elapsed;
        var machine = MachineCpu.Read().BusySince(machineBefore);
        var chromium = ChromiumCpu.Read().SecondsSince(chromiumBefore);
        var mainThread = (await MainThreadTime.ReadAsync(devTools)).Since(await mainThreadBefore);
        var seconds = wall.Elapsed.TotalSeconds;
        var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var lastShown = DisplayFormat.Price(basePrice + total * Tick);
        foreach (var page in pages)
        {
            await Expect(page.Locator("[data-testid=last-price]")).ToHaveTextAsync(lastShown, new() { Timeout = 30_000 });
        }

        var delays = new List<double>();
        var unseen = 0;
        var renders = 0;
        var measuredFrom = applied[0].AtMs;
        var measuredTo = applied[^1].AtMs;
        var redraws = new List<(string Chart, double Ms)>();
        foreach (var page in pages)
        {
            redraws.AddRange((await page.EvaluateAsync<string[][]>("() => window.__redraws.map(r => r.map(String))"))
                .Where(r => double.Parse(r[1], CultureInfo.InvariantCulture) is var at && at >= measuredFrom && at <= measuredTo)
                .Select(r => (r[0], double.Parse(r[2], CultureInfo.InvariantCulture))));
            var seen = (await page.EvaluateAsync<string[][]>("() => window.__seen.map(([t, at]) => [t, String(at)])"))
                .Select(s => (Seq: SeqOf(s[0], basePrice), AtMs: double.Parse(s[1], CultureInfo.InvariantCulture)))
                .Where(s => s.Seq > 0)
                .ToList();
            renders += seen.Count;
            foreach (var (seq, at) in applied)
            {
                var shown = seen.FirstOrDefault(s => s.Seq >= seq && s.AtMs >= at);
                if (shown == default) unseen++;
                else delays.Add(shown.AtMs - at);
            }
        }

        delays.Sort();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"circuits {_circuits}, updates {UpdatesPerSecond}/s for {Measured.TotalSeconds:0} s, buffer 1000 candles, Dashboard:MaxRendersPerSecond {_rendersPerSecond}, Dashboard:ChartCandles {_chartCandles}{(_withoutChartRedraws ? ", charts removed from the browsers" : "")}")
            .AppendLine(CultureInfo.InvariantCulture, $"update → DOM delay: p50 {Percentile(delays, 0.50):0} ms, p90 {Percentile(delays, 0.90):0} ms, p99 {Percentile(delays, 0.99):0} ms, max {delays[^1]:0} ms ({delays.Count} samples, {unseen} never shown)")
            .AppendLine(CultureInfo.InvariantCulture, $"last-price DOM mutations per browser: {renders / (double)_circuits / Measured.TotalSeconds:0.0}/s")
            .AppendLine(CultureInfo.InvariantCulture, $"chart draws per browser: {string.Join(", ", redraws.GroupBy(r => r.Chart).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count() / (double)_circuits / Measured.TotalSeconds:0.00}/s"))}; {RedrawTimes(redraws)}")
            .AppendLine(CultureInfo.InvariantCulture, $"server process CPU: {cpu * 100:0} % of one core (app and feeder; browsers excluded)")
            .AppendLine(CultureInfo.InvariantCulture, $"whole machine CPU busy: {machine * 100:0} % of {Environment.ProcessorCount} cores (browsers included)")
            .AppendLine(CultureInfo.InvariantCulture, $"browser CPU by process role, % of one core: {string.Join(", ", chromium.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value / seconds * 100:0}"))}")
            .AppendLine(CultureInfo.InvariantCulture, $"main thread per page, ms per second: tasks {mainThread.Task / _circuits / seconds * 1000:0}, script {mainThread.Script / _circuits / seconds * 1000:0}, layout {mainThread.Layout / _circuits / seconds * 1000:0}, style {mainThread.Style / _circuits / seconds * 1000:0}")
            .AppendLine(CultureInfo.InvariantCulture, $"server memory: peak working set {peakWorkingSet / 1024 / 1024} MiB, GC heap {gcHeap / 1024 / 1024} MiB")
            .ToString();
        Console.WriteLine(report);
        await File.WriteAllTextAsync(BrowserSession.ArtifactPath("dashboard-benchmark.txt"), report);

        if (delays.Count == 0) throw new InvalidOperationException("no browser showed any measured update");
        if (unseen > 0) throw new InvalidOperationException($"{unseen} updates never reached a browser; the final state always should");
    }

    private static Candle Update(int seq, decimal basePrice, ref long nextOpen)
    {
        var price = basePrice + seq * Tick;
        var closes = seq % UpdatesPerCandle == 0;
        var openTime = nextOpen;
        if (closes) nextOpen += 60_000;
        var open = basePrice + ((seq - 1) / UpdatesPerCandle * UpdatesPerCandle + 1) * Tick;
        return new Candle(Stream.Symbol, KlineInterval.OneMinute, openTime, openTime + 59_999,
            open, price, open, price, seq, seq * price, seq, closes);
    }

    private static long SeqOf(string text, decimal basePrice) =>
        decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var price)
            ? (long)decimal.Round((price - basePrice) / Tick)
            : -1;

    private static string RedrawTimes(List<(string Chart, double Ms)> redraws)
    {
        var sorted = redraws.Select(r => r.Ms).Order().ToList();
        return sorted.Count == 0 ? "no draws" : $"update applied in p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms";
    }

    private static double Percentile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    /// <summary>Main-thread seconds of all pages as Chromium's DevTools Performance domain counts them.</summary>
    private readonly record struct MainThreadTime(double Task, double Script, double Layout, double Style)
    {
        public static async Task<MainThreadTime> ReadAsync(IEnumerable<ICDPSession> sessions)
        {
            var total = default(MainThreadTime);
            foreach (var session in sessions)
            {
                var reply = await session.SendAsync("Performance.getMetrics");
                var metrics = reply!.Value.GetProperty("metrics").EnumerateArray()
                    .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
                total = new MainThreadTime(
                    total.Task + metrics["TaskDuration"], total.Script + metrics["ScriptDuration"],
                    total.Layout + metrics["LayoutDuration"], total.Style + metrics["RecalcStyleDuration"]);
            }

            return total;
        }

        public MainThreadTime Since(MainThreadTime before) =>
            new(Task - before.Task, Script - before.Script, Layout - before.Layout, Style - before.Style);
    }

    /// <summary>Busy and total jiffies of all cores from /proc/stat.</summary>
    private readonly record struct MachineCpu(long Busy, long Total)
    {
        public static MachineCpu Read()
        {
            if (!File.Exists("/proc/stat")) return default;
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            return new MachineCpu(fields.Sum() - idle, fields.Sum());
        }

        public double BusySince(MachineCpu before) => Total == before.Total ? 0 : (double)(Busy - before.Busy) / (Total - before.Total);
    }
}
