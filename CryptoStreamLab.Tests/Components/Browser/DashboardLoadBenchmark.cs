using System.Diagnostics;
using System.Globalization;
using System.Text;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Web.State;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Tests.Components.Browser;

/// <summary>
/// 20 browser circuits watch one stream that changes 10 times a second. Measures the server's CPU and memory
/// and, for every update, how long until each browser's DOM shows it or a later one (updates in between are
/// coalesced by the render limit, so "or a later one" is what a viewer experiences).
/// Run: CRYPTOSTREAMLAB_BENCHMARK=1 dotnet test CryptoStreamLab.Tests --filter Category=Benchmark --logger "console;verbosity=detailed"
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DashboardLoadBenchmark(ITestOutputHelper output)
{
    private const int Circuits = 20;
    private const int UpdatesPerSecond = 10;
    private const int UpdatesPerCandle = 10;
    private const decimal Tick = 0.001m;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(30);
    private static readonly int ChartCandles =
        int.TryParse(Environment.GetEnvironmentVariable("CRYPTOSTREAMLAB_BENCHMARK_CHART_CANDLES"), out var candles) ? candles : 300;

    private static readonly bool WithoutChartRedraws = Environment.GetEnvironmentVariable("CRYPTOSTREAMLAB_BENCHMARK_NO_CHART_REDRAWS") == "1";

    // Records when the last-price card's text changes, in epoch milliseconds on the machine's clock.
    private const string ObservePrice = """
        () => {
            window.__seen = [];
            const card = document.querySelector('[data-testid=last-price]');
            const record = () => window.__seen.push([card.textContent.trim(), performance.timeOrigin + performance.now()]);
            new MutationObserver(record).observe(card, { subtree: true, childList: true, characterData: true });
        }
        """;

    [BrowserBenchmark]
    public async Task Twenty_circuits_on_a_stream_updating_ten_times_a_second()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["MarketData:Symbols:0"] = CsvCandleFeeder.Stream.Symbol,
            ["MarketData:Intervals:0"] = "1m",
            // Candles come from the feeder alone: the live feed points where nothing listens.
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Dashboard:ChartCandles"] = ChartCandles.ToString(CultureInfo.InvariantCulture),
        });
        var feeder = CsvCandleFeeder.ForSample(server.Market);
        feeder.ApplyClosed(1_000);
        var basePrice = server.Market.Snapshot(CsvCandleFeeder.Stream).LastClose!.Value;
        var nextOpen = server.Market.Snapshot(CsvCandleFeeder.Stream).Candles[^1].OpenTime + 60_000;

        await using var session = await BrowserSession.LaunchAsync();
        var pages = new List<IPage>();
        for (var i = 0; i < Circuits; i++)
        {
            var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            await page.GotoAsync(server.Address.ToString());
            await page.WaitForFunctionAsync(
                "n => { const p = document.querySelector('[data-chart=candles] .js-plotly-plot'); return p && p.data && p.data[0].x && p.data[0].x.length >= n; }",
                ChartCandles, new() { Timeout = 60_000 });
            await page.EvaluateAsync(ObservePrice);
            // Optional comparison: the same load with the browsers' chart redraws stubbed out, which separates
            // what Plotly costs the browsers from what the pipeline and the circuits cost.
            if (WithoutChartRedraws) await page.EvaluateAsync("() => { window.Plotly.react = () => Promise.resolve(); }");
            pages.Add(page);
        }

        var applied = new List<(long Seq, double AtMs)>();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = TimeSpan.Zero;
        var machineBefore = MachineCpu.Read();
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
                wall.Restart();
            }

            var candle = Update(seq, basePrice, ref nextOpen);
            var appliedAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            server.Market.Apply(candle).Should().Be(CandleApplyOutcome.Applied);
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
        var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var lastShown = DisplayFormat.Price(basePrice + total * Tick);
        foreach (var page in pages)
        {
            await Expect(page.Locator("[data-testid=last-price]")).ToHaveTextAsync(lastShown, new() { Timeout = 30_000 });
        }

        var delays = new List<double>();
        var unseen = 0;
        var renders = 0;
        foreach (var page in pages)
        {
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
            .AppendLine(CultureInfo.InvariantCulture, $"circuits {Circuits}, updates {UpdatesPerSecond}/s for {Measured.TotalSeconds:0} s, buffer 1000 candles, Dashboard:MaxRendersPerSecond 4 (default), Dashboard:ChartCandles {ChartCandles}{(WithoutChartRedraws ? ", chart redraws stubbed out in the browsers" : "")}")
            .AppendLine(CultureInfo.InvariantCulture, $"update → DOM delay: p50 {Percentile(delays, 0.50):0} ms, p90 {Percentile(delays, 0.90):0} ms, p99 {Percentile(delays, 0.99):0} ms, max {delays[^1]:0} ms ({delays.Count} samples, {unseen} never shown)")
            .AppendLine(CultureInfo.InvariantCulture, $"last-price DOM mutations per browser: {renders / (double)Circuits / Measured.TotalSeconds:0.0}/s")
            .AppendLine(CultureInfo.InvariantCulture, $"server process CPU: {cpu * 100:0} % of one core (test host, app and feeder; browsers excluded)")
            .AppendLine(CultureInfo.InvariantCulture, $"whole machine CPU busy: {machine * 100:0} % of {Environment.ProcessorCount} cores (browsers included)")
            .AppendLine(CultureInfo.InvariantCulture, $"server memory: peak working set {peakWorkingSet / 1024 / 1024} MiB, GC heap {gcHeap / 1024 / 1024} MiB")
            .ToString();
        output.WriteLine(report);
        await File.WriteAllTextAsync(BrowserSession.ArtifactPath("dashboard-benchmark.txt"), report);

        delays.Should().NotBeEmpty();
        unseen.Should().Be(0, "the final state always reaches every browser");
    }

    private static Candle Update(int seq, decimal basePrice, ref long nextOpen)
    {
        var price = basePrice + seq * Tick;
        var closes = seq % UpdatesPerCandle == 0;
        var openTime = nextOpen;
        if (closes) nextOpen += 60_000;
        var open = basePrice + ((seq - 1) / UpdatesPerCandle * UpdatesPerCandle + 1) * Tick;
        return new Candle(CsvCandleFeeder.Stream.Symbol, KlineInterval.OneMinute, openTime, openTime + 59_999,
            open, price, open, price, seq, seq * price, seq, closes);
    }

    private static long SeqOf(string text, decimal basePrice) =>
        decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var price)
            ? (long)decimal.Round((price - basePrice) / Tick)
            : -1;

    private static double Percentile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

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
