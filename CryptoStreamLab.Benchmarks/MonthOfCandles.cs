using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// A month of 1-minute candles: the file named by CRYPTOSTREAMLAB_MONTH_FILE, else the LTCUSDT February 2026
/// file beside the repository, else 40,320 generated ones (<see cref="SyntheticCandles"/>, seeded, so runs compare).
/// </summary>
public static class MonthOfCandles
{
    public const int Minutes = 28 * 24 * 60;

    public static (StreamKey Stream, Candle[] Candles) Load()
    {
        var path = Environment.GetEnvironmentVariable("CRYPTOSTREAMLAB_MONTH_FILE") ?? FindSharedFile();
        if (path is not null && File.Exists(path))
        {
            var (symbol, interval) = KlineCsvReader.InferStream(path);
            var stream = new StreamKey(symbol ?? "LTCUSDT", interval ?? KlineInterval.OneMinute);
            return (stream, KlineCsvReader.ReadFile(path, stream.Symbol, stream.Interval).ToArray());
        }

        return (new StreamKey("SYNUSDT", KlineInterval.OneMinute), SyntheticCandles.RandomWalk("SYNUSDT", Minutes));
    }

    private static string? FindSharedFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "LTCUSDT-1m-2026-02.csv.gz");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
