using System.Diagnostics;
using System.Globalization;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Benchmarks.Backtesting;

/// <summary>
/// <c>klines FILE [runs]</c>: reads a kline CSV (plain or gzip) with the backtest's reader, then writes the backtest's
/// per-candle CSV for it to a temp file; prints rows/s for each, the best of <c>runs</c> (default 5) after one warm-up.
/// </summary>
public static class KlineFileBenchmark
{
    public static void Run(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("usage: klines FILE [runs]");
        var path = args[0];
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var (symbol, interval) = KlineCsvReader.InferStream(path);
        var stream = new StreamKey(symbol ?? "BTCUSDT", interval ?? KlineInterval.OneMinute);

        Candle[] candles = [];
        var reads = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            candles = KlineCsvReader.ReadFile(path, stream.Symbol, stream.Interval).ToArray();
            if (run > 0) reads.Add(candles.Length / clock.Elapsed.TotalSeconds);
        }

        var evaluations = new List<Core.Engine.Evaluation>(candles.Length);
        Backtester.Run(stream, new Core.Engine.EngineSettings(new Core.Strategy.StrategyOptions(), new Core.Trading.TradingOptions()), candles,
            e => evaluations.Add(e));
        var output = Path.GetTempFileName();
        var writes = new List<double>();
        try
        {
            for (var run = 0; run <= runs; run++)
            {
                var clock = Stopwatch.StartNew();
                WriteAll(output, evaluations);
                if (run > 0) writes.Add(evaluations.Count / clock.Elapsed.TotalSeconds);
            }
            var endToEnd = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var clock = Stopwatch.StartNew();
                using (var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                using (var writer = new BacktestCsvWriter(file))
                {
                    writer.WriteHeader();
                    Backtester.Run(stream, new Core.Engine.EngineSettings(new Core.Strategy.StrategyOptions(), new Core.Trading.TradingOptions()),
                        KlineCsvReader.ReadFile(path, stream.Symbol, stream.Interval), e => writer.Write(e));
                }
                if (run > 0) endToEnd.Add(candles.Length / clock.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"end to end (read, engine with statistics, per-candle CSV written) best {endToEnd.Max():N0} candles/s (median {Median(endToEnd):N0})");
            Console.WriteLine($"{Path.GetFileName(path)}: {candles.Length:N0} rows; read best {reads.Max():N0} rows/s (median {Median(reads):N0}); " +
                $"per-candle CSV written best {writes.Max():N0} rows/s (median {Median(writes):N0}), {new FileInfo(output).Length:N0} bytes");
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    // The verb's output path: a buffered file, header then one row per evaluation.
    private static void WriteAll(string path, List<Core.Engine.Evaluation> evaluations)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new BacktestCsvWriter(file);
        writer.WriteHeader();
        foreach (var e in evaluations) writer.Write(e);
    }
}
