using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Benchmarks;

/// <summary>A deterministic random walk of closed 1-minute candles, so benchmarks need no data files.</summary>
public static class SyntheticCandles
{
    /// <param name="start">The first candle's open time (epoch ms, on a minute); 2026-02-01 00:00 UTC when null.</param>
    public static Candle[] RandomWalk(string symbol, int count, int seed = 42, long? start = null)
    {
        var random = new Random(seed);
        var candles = new Candle[count];
        var price = 60m;
        var first = start ?? new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var open = price;
            price = Math.Max(1m, Math.Round(price * (1m + (decimal)(random.NextDouble() - 0.5) * 0.004m), 2));
            var high = Math.Max(open, price) + 0.01m;
            var low = Math.Min(open, price) - 0.01m;
            var openTime = first + i * 60_000L;
            candles[i] = new Candle(symbol, KlineInterval.OneMinute, openTime, openTime + 59_999, open, high, low, price,
                1000m, 1000m * price, 100, true);
        }

        return candles;
    }
}
