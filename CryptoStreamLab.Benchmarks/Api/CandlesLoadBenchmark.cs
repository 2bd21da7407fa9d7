using System.Diagnostics;
using System.Globalization;

namespace CryptoStreamLab.Benchmarks.Api;

/// <summary>
/// <c>api-candles [--seconds 20] [--connections 16] [--threads 2]</c>: <c>GET /api/v1/streams/{s}/{i}/candles?limit=1000</c> under
/// load from <c>wrk</c> (Debian package <c>wrk</c>), twice: the newest 1,000 (from the live buffer) and 1,000 older ones (read from
/// the Parquet archive and evaluated by a fresh engine each request). wrk runs on the same two cores as the app.
/// </summary>
public static class CandlesLoadBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = (int)ApiBenchHost.Option(args, "--seconds", 20);
        var connections = (int)ApiBenchHost.Option(args, "--connections", 16);
        var threads = (int)ApiBenchHost.Option(args, "--threads", 2);
        var wrk = new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("wrk is not installed: apt-get install -y wrk");

        // 3,000 candles: the first 2,000 archived before the start, the newest 1,000 applied live (the buffer holds 1,000).
        var candles = SyntheticCandles.RandomWalk(ApiBenchHost.Stream.Symbol, 3_000);
        await using var host = await ApiBenchHost.StartAsync(candles.Take(2_000).ToList());
        foreach (var candle in candles.Skip(2_000)) host.Market.Apply(candle);

        var path = $"api/v1/streams/{ApiBenchHost.Stream.Symbol}/1m/candles";
        var targets = new (string Name, string Url)[]
        {
            ("newest 1,000 (live buffer)", $"{host.Address}{path}?limit=1000"),
            ("1,000 older (archive)", $"{host.Address}{path}?to={candles[2_000].OpenTime}&limit=1000"),
        };
        Console.WriteLine($"api-candles: wrk -t{threads} -c{connections} -d{seconds}s --latency; {ApiBenchHost.Machine()}; load average {ApiBenchHost.LoadAverage()}");
        using (var http = new HttpClient())
        {
            foreach (var (name, url) in targets)
            {
                var body = await http.GetByteArrayAsync(url);
                Console.WriteLine($"{name}: {url} → {body.Length:N0} bytes");
            }
        }

        foreach (var (name, url) in targets)
        {
            await RunWrkAsync(wrk, ["-t1", "-c4", "-d3s", url]); // warm-up: JIT, pools
            Console.WriteLine();
            Console.WriteLine($"== {name} ==");
            Console.WriteLine(await RunWrkAsync(wrk, [$"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", url]));
            Console.WriteLine($"load average after: {ApiBenchHost.LoadAverage()}");
        }
    }

    private static async Task<string> RunWrkAsync(string wrk, string[] arguments)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk exited {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {error}");
        return output;
    }
}
