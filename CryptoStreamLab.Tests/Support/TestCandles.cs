using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Tests.Support;

/// <summary>Candles for tests: hand-made ones, and real Binance data shipped in TestData/.</summary>
public static class TestCandles
{
    public const string AvaxFile = "AVAXUSDT-1m-2026-02-01_07.csv.gz";

    /// <summary>All of February 2026 (40,320 one-minute candles), as data.binance.vision publishes a month.</summary>
    public const string NearMonthFile = "NEARUSDT-1m-2026-02.csv.gz";
    public const string BtcGenericFile = "BTCUSDT-1m-2023-03-01_03-binanceus.csv.gz";

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    /// <summary>10,000 real AVAXUSDT 1-minute candles (data.binance.vision futures layout).</summary>
    public static IReadOnlyList<Candle> Avax() =>
        KlineCsvReader.ReadFile(PathOf(AvaxFile), "AVAXUSDT", KlineInterval.OneMinute).ToList();

    public static Candle Make(long minute, decimal close, bool closed = true, decimal? open = null, string symbol = "BTCUSDT")
    {
        var o = open ?? close;
        var openTime = 1_699_999_980_000 + minute * 60_000;
        return new Candle(symbol, KlineInterval.OneMinute, openTime, openTime + 59_999, o, Math.Max(o, close) + 1,
            Math.Max(0.01m, Math.Min(o, close) - 1), close, 10m, 10m * close, 5, closed);
    }
}
