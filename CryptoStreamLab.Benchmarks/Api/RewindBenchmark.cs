using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Benchmarks.Api;

/// <summary>
/// <c>rewind [days] [calls]</c>: a year (by default) of 1-minute candles of a random walk ending an hour ago, in the archive
/// (one Parquet file a day) and in the ledger (an equity row per candle and every fill, as the engine made them trading on
/// every crossover), then the app on Kestrel answers <c>GET …/at?time=T</c> for random times over the whole year, one
/// request at a time. Prints the latency of the HTTP calls and of the service behind them (<see cref="StreamRewind"/>):
/// p50, p90, p99, max; checks every answer's candle and cash against the engine's run.
/// </summary>
public static class RewindBenchmark
{
    private static readonly Dictionary<string, string?> Strategy = new()
    {
        ["Strategy:BuyRsiMin"] = "0",
        ["Strategy:BuyRsiMax"] = "100",
        ["Strategy:SellRsiMin"] = "0",
    };

    public static async Task RunAsync(string[] args)
    {
        var days = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 365;
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var count = days * 1_440;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = (now - 3_600_000L) / 60_000 * 60_000 - count * 60_000L;
        var candles = SyntheticCandles.RandomWalk(ApiBenchHost.Stream.Symbol, count, start: start);

        var storage = Directory.CreateTempSubdirectory("cryptostreamlab-rewind-bench-").FullName;
        try
        {
            var build = Stopwatch.StartNew();
            var (cash, fills) = WriteLedger(Path.Combine(storage, StorageOptions.DefaultFileName), candles);
            var ledgerTime = build.Elapsed;
            var settings = new Dictionary<string, string?>(Strategy) { ["Storage:Path"] = storage };
            await using var host = await ApiBenchHost.StartAsync(candles, settings);
            Console.WriteLine($"{count:N0} candles ({days} days) and {fills:N0} fills: ledger written in {ledgerTime.TotalSeconds:F1} s, " +
                $"archive written and app started in {(build.Elapsed - ledgerTime).TotalSeconds:F1} s");
            // The archive's first maintenance pass rewrites every day file shortly after start: measure after it.
            var maintenance = host.App.Services.GetRequiredService<ArchiveMaintenanceService>();
            while (maintenance.Status.Passes == 0) await Task.Delay(200);
            Console.WriteLine($"archive maintenance pass done ({maintenance.Status.DaysCompacted} days compacted), {build.Elapsed.TotalSeconds:F1} s after start");

            using var http = new HttpClient { BaseAddress = host.Address };
            var random = new Random(7);
            long RandomTime() => candles[0].OpenTime + (long)(random.NextDouble() * (candles[^1].CloseTime - candles[0].OpenTime));

            var cold = Stopwatch.StartNew();
            await GetAsync(http, RandomTime(), candles, cash);
            cold.Stop();
            for (var i = 0; i < 5; i++) await GetAsync(http, RandomTime(), candles, cash);

            var overHttp = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var time = RandomTime();
                var watch = Stopwatch.StartNew();
                await GetAsync(http, time, candles, cash);
                overHttp[i] = watch.Elapsed.TotalMilliseconds;
            }

            var rewind = host.App.Services.GetRequiredService<StreamRewind>();
            var setup = host.Market.StrategiesOf(ApiBenchHost.Stream)[0];
            var service = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var time = RandomTime();
                var watch = Stopwatch.StartNew();
                var read = await rewind.AtAsync(ApiBenchHost.Stream, setup, time);
                service[i] = watch.Elapsed.TotalMilliseconds;
                if (read.Moment?.Cash != cash[Index(candles, time)]) throw new InvalidOperationException($"at {time}: {read}");
            }

            Console.WriteLine($"first call {cold.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"GET …/at over HTTP, {calls} random times over {days} days: {Summary(overHttp)}");
            Console.WriteLine($"StreamRewind.AtAsync,   {calls} random times over {days} days: {Summary(service)}");
            Console.WriteLine($"{ApiBenchHost.Machine()}; load average {ApiBenchHost.LoadAverage()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(storage, recursive: true);
        }
    }

    /// <summary>The engine over every candle, each evaluation written as the app's ledger writes it; the cash after each candle.</summary>
    private static (decimal[] Cash, int Fills) WriteLedger(string path, Candle[] candles)
    {
        var options = new StrategyOptions { BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 };
        var engine = new StreamEngine(ApiBenchHost.Stream, new EngineSettings(options, new TradingOptions(), 1_000));
        var cash = new decimal[candles.Length];
        var fills = 0;
        using var ledger = new SqliteLedger(path);
        var batch = new List<LedgerEntry>(50_000);
        for (var i = 0; i < candles.Length; i++)
        {
            engine.Apply(candles[i]);
            var e = engine.Evaluations[engine.Evaluations.Count - 1];
            cash[i] = e.Cash;
            if (e.Fill is not null) fills++;
            batch.Add(new LedgerEntry(ApiBenchHost.Stream.Id, new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity),
                e.Fill, engine.Account.State));
            if (batch.Count == batch.Capacity || i == candles.Length - 1)
            {
                ledger.Write(batch);
                batch.Clear();
            }
        }
        return (cash, fills);
    }

    private static async Task GetAsync(HttpClient http, long time, Candle[] candles, decimal[] cash)
    {
        using var response = await http.GetAsync($"/api/v1/streams/{ApiBenchHost.Stream.Symbol}/1m/at?time={time}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"at {time}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var index = Index(candles, time);
        if (json.RootElement.GetProperty("as_of").GetInt64() != candles[index].OpenTime || json.RootElement.GetProperty("cash").GetDecimal() != cash[index])
            throw new InvalidOperationException($"at {time}: expected candle {candles[index].OpenTime} with cash {cash[index]}, got {body}");
    }

    private static int Index(Candle[] candles, long time) => (int)((time - candles[0].OpenTime) / 60_000);

    private static string Summary(double[] milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return $"p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms, mean {sorted.Average():F1} ms";
    }
}
