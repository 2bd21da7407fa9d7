using System.Diagnostics;
using System.Globalization;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Benchmarks.Archive;

/// <summary>
/// <c>archive [candles] [streams]</c>: writes a random walk of closed 1-minute candles through the archive as a full-speed
/// replay would (queued, flushed a batch at a time into one file per stream and day), then reads one stream back.
/// Prints candles/s written, bytes per candle on disk and the read time. Uses a temp folder and deletes it.
/// </summary>
public static class ArchiveBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var streams = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var perStream = count / streams;
        var candles = Enumerable.Range(0, streams)
            .Select(s => SyntheticCandles.RandomWalk($"SYM{s:D3}USDT", perStream, seed: s))
            .ToArray();
        var root = Directory.CreateTempSubdirectory("archive-bench-").FullName;
        try
        {
            var archive = new CandleArchive(root, enabled: true, NullLogger<CandleArchive>.Instance);
            var watch = Stopwatch.StartNew();
            var enqueue = TimeSpan.Zero;
            // Streams interleaved candle by candle, as a replay of several streams delivers them.
            for (var i = 0; i < perStream; i++)
            {
                var before = watch.Elapsed;
                foreach (var stream in candles) archive.Add(stream[i]);
                enqueue += watch.Elapsed - before;
                if ((i + 1) * streams % CandleArchive.BatchSize < streams) await archive.FlushAsync();
            }
            await archive.FlushAsync();
            watch.Stop();

            var status = archive.Status;
            var bytes = Directory.EnumerateFiles(root, "*" + ParquetCandleFile.Extension, SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"wrote {status.CandlesWritten:N0} candles of {streams} stream(s) into {status.Files:N0} files in {watch.Elapsed.TotalSeconds:F2} s: " +
                $"{status.CandlesWritten / watch.Elapsed.TotalSeconds:N0} candles/s (enqueue alone {count / enqueue.TotalSeconds:N0} candles/s, " +
                $"{enqueue.TotalNanoseconds / count:F0} ns each); {bytes:N0} bytes, {(double)bytes / status.CandlesWritten:F1} bytes/candle");

            var key = new StreamKey(candles[0][0].Symbol, KlineInterval.OneMinute);
            var read = Stopwatch.StartNew();
            var back = await ParquetCandleFile.ReadStreamAsync(root, key);
            read.Stop();
            Console.WriteLine($"read {back.Count:N0} candles of {key} back in {read.Elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
