using System.Globalization;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Web.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The real app replaying one LTCUSDT kline file once, through the embedded Kafka broker, at 3,000 times real
/// time (50 candles a second) with four updates per candle, watched from its first seconds by a browser on
/// /stream/LTCUSDT/1m. Once the file has played out nothing moves any more, so the page can be compared with
/// the server and the file without racing them: <see cref="StartAsync"/> returns when the page shows the end.
/// </summary>
public sealed class ReplayedDashboard : IAsyncDisposable
{
    public static readonly StreamKey Stream = new("LTCUSDT", KlineInterval.OneMinute);

    /// <summary>The shipped two-day LTCUSDT sample, 2,880 candles.</summary>
    public const string SampleFile = "SampleData/LTCUSDT-1m-2026-02-01_02-futures.csv.gz";

    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(4);
    private const float SettleTimeoutMs = 30_000;

    // Checks every draw of the candle chart while the file plays, not only the last: each series' times must rise. Also counts
    // the page's renders of a new stream version, which every one of them should reach the chart.
    private const string WatchCandleRedraws = """
        () => {
            window.__candleRedraws = 0;
            window.__candleTimeProblems = [];
            window.__versions = 0;
            const section = document.querySelector('[data-testid=stream-dashboard]');
            new MutationObserver(() => window.__versions++).observe(section, { attributes: true, attributeFilter: ['data-version'] });
            const previous = window.appCharts.onDraw;
            window.appCharts.onDraw = (kind, ...rest) => {
                previous?.(kind, ...rest);
                if (kind !== 'candles') return;
                window.__candleRedraws++;
                window.appCharts.read('candles').series.forEach((series, index) => {
                    const x = series.x;
                    const k = x.findIndex((value, i) => i > 0 && !(value > x[i - 1]));
                    if (k > 0 && window.__candleTimeProblems.length < 20)
                        window.__candleTimeProblems.push(`draw ${window.__candleRedraws}, series ${index}: x[${k}] = ${x[k]} after ${x[k - 1]}`);
                });
            };
        }
        """;

    /// <summary>
    /// The default RSI bounds make the sample trade once in two days; without them every crossover of the moving
    /// averages (20 and 50, the defaults) trades, 65 fills in the sample, so the charts have markers of both kinds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> EveryCrossTrades = new Dictionary<string, string?>
    {
        ["Strategy:BuyRsiMin"] = "0",
        ["Strategy:BuyRsiMax"] = "100",
        ["Strategy:SellRsiMin"] = "0",
    };

    private readonly BrowserSession _session;
    private readonly long[] _openTimes;

    private ReplayedDashboard(DashboardServer server, BrowserSession session, StreamPage page, BrowserErrors errors, IReadOnlyList<Candle> file)
    {
        Server = server;
        _session = session;
        Page = page;
        Errors = errors;
        File = file;
        _openTimes = file.Select(c => c.OpenTime).ToArray();
    }

    public DashboardServer Server { get; }

    public StreamPage Page { get; }

    /// <summary>Errors the page logged from before it loaded until now.</summary>
    public BrowserErrors Errors { get; }

    /// <summary>The replayed file's candles, in order: the candle at index k is the stream's (k+1)-th.</summary>
    public IReadOnlyList<Candle> File { get; }

    public StrategyOptions Strategy => Server.Services.GetRequiredService<IOptions<StrategyOptions>>().Value;

    public int ChartCandles => Server.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.ChartCandles;

    /// <summary>The stream's position of the candle opening at <paramref name="openTime"/>, counting from 0.</summary>
    public int Ordinal(long openTime)
    {
        var index = Array.BinarySearch(_openTimes, openTime);
        index.Should().BeGreaterThanOrEqualTo(0, $"{openTime} must be a candle of the replayed file");
        return index;
    }

    /// <param name="file">A kline file named LTCUSDT-1m-…, relative to the test's output folder or absolute.</param>
    /// <param name="settings">More settings for the app (several strategies, say), applied last.</param>
    public static async Task<ReplayedDashboard> StartAsync(string file = SampleFile, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        var candles = KlineCsvReader.ReadFile(path, Stream.Symbol, Stream.Interval).ToArray();
        var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Replay",
            // Both entries, so neither of the configured defaults plays LTCUSDT as well; the BTCUSDT sample plays alongside.
            ["MarketData:Replay:Files:0"] = path,
            ["MarketData:Replay:Files:1"] = "SampleData/BTCUSDT-1m-2023-03-01_02-binanceus.csv.gz",
            ["MarketData:Replay:Speed"] = "3000",
            ["MarketData:Replay:UpdatesPerCandle"] = "4",
            ["MarketData:Replay:Loop"] = "false",
        }.Concat(EveryCrossTrades).Concat(settings ?? new Dictionary<string, string?>()));
        var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1300 } });
        var errors = BrowserErrors.Watch(page);
        var dashboard = new ReplayedDashboard(server, session, new StreamPage(page), errors, candles);
        try
        {
            await page.GotoAsync(server.Address + "stream/LTCUSDT/1m");
            await page.WaitForFunctionAsync(ChartReader.Exists, "candles", new() { Timeout = 60_000 });
            await page.EvaluateAsync(WatchCandleRedraws);
            await dashboard.WaitForTheLastCandleAsync();
            await dashboard.SettleAsync();
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns once the stream holds the file's last candle, closed: nothing changes after that.</summary>
    private async Task WaitForTheLastCandleAsync()
    {
        var last = File[^1];
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Server.Market.Subscribe(Stream, _ => Check());
        Check();
        await done.Task.WaitAsync(ReplayTimeout);

        void Check()
        {
            var snapshot = Server.Market.Snapshot(Stream);
            if (!snapshot.IsEmpty && snapshot.Candles[^1] is { IsClosed: true } newest && newest.OpenTime == last.OpenTime) done.TrySetResult();
        }
    }

    /// <summary>
    /// Waits until the page's cards and every chart show the server's final state. Gives up quietly: a page that
    /// never gets there is what the tests report, each with the difference it looks for.
    /// </summary>
    private async Task SettleAsync()
    {
        var final = Server.Market.Snapshot(Stream);
        var latest = final.Latest!.Value;
        var page = Page.Page;
        try
        {
            await page.WaitForFunctionAsync(
                "version => document.querySelector('[data-testid=stream-dashboard]')?.dataset.version === version",
                final.Version.ToString(CultureInfo.InvariantCulture), new() { Timeout = SettleTimeoutMs });
            await page.WaitForFunctionAsync(
                """
                ([x, close, rsi, equity]) => {
                    const near = (a, b) => a === b || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
                    const ends = (chart, column, value) => {
                        const series = window.appCharts?.read(chart)?.series?.[0];
                        const n = series?.x?.length ?? 0;
                        return n > 0 && series.x[n - 1] === x && near(series[column][n - 1], value);
                    };
                    return ends('candles', 'close', close) && ends('rsi', 'y', rsi) && ends('equity', 'y', equity);
                }
                """,
                new object?[] { latest.Candle.OpenTime, (double)latest.Candle.Close, double.IsFinite(latest.Rsi) ? latest.Rsi : null, (double)latest.Equity },
                new() { Timeout = SettleTimeoutMs });
        }
        catch (TimeoutException)
        {
            // Left to the tests to describe.
        }
    }

    /// <summary>
    /// How often the candle chart drew a change while watched, each draw whose times did not rise strictly, and how often the
    /// page rendered a new version of the stream meanwhile.
    /// </summary>
    public async Task<(int Redraws, string[] Problems, int Versions)> CandleRedrawsAsync() =>
        (await Page.Page.EvaluateAsync<int>("() => window.__candleRedraws"),
         await Page.Page.EvaluateAsync<string[]>("() => window.__candleTimeProblems"),
         await Page.Page.EvaluateAsync<int>("() => window.__versions"));

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await Server.DisposeAsync();
    }
}
