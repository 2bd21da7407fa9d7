using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// A month of 1-minute candles: the file named by CRYPTOSTREAMLAB_MONTH_FILE, else the LTCUSDT February 2026
/// file beside the repository, else 40,320 generated ones (a seeded random walk, so runs compare).
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

        return (new StreamKey("SYNUSDT", KlineInterval.OneMinute), Generate(Minutes));
    }

    public static Candle[] Generate(int count)
    {
        var random = new Random(20260201);
        var candles = new Candle[count];
        var price = 70m;
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var open = price;
            price = Math.Max(1m, decimal.Round(price * (1m + (decimal)(random.NextDouble() - 0.5) * 0.004m), 2));
            var openTime = start + i * 60_000L;
            candles[i] = new Candle("SYNUSDT", KlineInterval.OneMinute, openTime, openTime + 59_999, open,
                Math.Max(open, price) + 0.01m, Math.Min(open, price) - 0.01m, price, 100m, 100m * price, 50, true);
        }

        return candles;
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
