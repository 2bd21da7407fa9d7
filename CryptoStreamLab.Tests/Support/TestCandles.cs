using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Tests.Support;

/// <summary>Candles for tests: hand-made ones, numbered series, and real Binance data shipped in TestData/.</summary>
public static class TestCandles
{
    public const string AvaxFile = "AVAXUSDT-1m-2026-02-01_07.csv.gz";

    /// <summary>All of February 2026 (40,320 one-minute candles), as data.binance.vision publishes a month.</summary>
    public const string NearMonthFile = "NEARUSDT-1m-2026-02.csv.gz";
    public const string BtcGenericFile = "BTCUSDT-1m-2023-03-01_03-binanceus.csv.gz";

    /// <summary>Where <see cref="Make"/> counts its minutes from unless told otherwise (2023-11-14 22:13 UTC).</summary>
    public const long Origin = 1_699_999_980_000;

    /// <summary>Where <see cref="Series"/> starts (2026-02-01 00:00 UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    /// <summary>10,000 real AVAXUSDT 1-minute candles (data.binance.vision futures layout).</summary>
    public static IReadOnlyList<Candle> Avax() =>
        KlineCsvReader.ReadFile(PathOf(AvaxFile), "AVAXUSDT", KlineInterval.OneMinute).ToList();

    /// <summary>A one-minute candle <paramref name="minute"/> minutes after <paramref name="origin"/>, its range one above and below its body.</summary>
    public static Candle Make(long minute, decimal close, bool closed = true, decimal? open = null, string symbol = "BTCUSDT", long origin = Origin)
    {
        var o = open ?? close;
        var openTime = origin + minute * 60_000;
        return new Candle(symbol, KlineInterval.OneMinute, openTime, openTime + 59_999, o, Math.Max(o, close) + 1,
            Math.Max(0.01m, Math.Min(o, close) - 1), close, 10m, 10m * close, 5, closed);
    }

    /// <summary>Closed one-minute candles for a symbol from <see cref="Start"/>, each with a distinct close so order is visible.</summary>
    public static IEnumerable<Candle> Series(string symbol, int count, int firstIndex = 0)
    {
        for (var i = firstIndex; i < firstIndex + count; i++)
        {
            var open = Start.ToUnixTimeMilliseconds() + i * 60_000L;
            var close = 100m + i * 0.25m;
            yield return new Candle(symbol, KlineInterval.OneMinute, open, open + 59_999, close - 0.1m, close + 0.5m,
                close - 0.5m, close, 12.5m + i, 1250.75m + i, 40 + i, IsClosed: true);
        }
    }

    /// <summary>Several symbols' series interleaved, as a live feed would deliver them.</summary>
    public static List<Candle> Interleaved(IReadOnlyList<string> symbols, int perSymbol, int firstIndex = 0)
    {
        var series = symbols.Select(symbol => Series(symbol, perSymbol, firstIndex).ToList()).ToList();
        return Enumerable.Range(0, perSymbol).SelectMany(i => series.Select(list => list[i])).ToList();
    }
}
