using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// Kline updates as a live feed sends them, round-robin over the symbols: each candle gets updatesPerCandle − 1 open
/// updates and then its close, and the next update of that symbol opens the next minute. Update i carries the trade
/// count i + 1, which survives the candle topic, the engine and the state topic, so every update is matched exactly.
/// </summary>
internal sealed class LiveFeed(IReadOnlyList<string> symbols, int updatesPerCandle)
{
    public static readonly long FirstOpenTime = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public IReadOnlyList<string> Symbols => symbols;

    public static IReadOnlyList<string> SymbolNames(int count) => Enumerable.Range(0, count).Select(i => $"SYM{i:D2}USDT").ToArray();

    /// <summary>The update with sequence number <paramref name="index"/> (0-based); its trade count is index + 1.</summary>
    public Candle Update(int index)
    {
        var symbol = symbols[index % symbols.Count];
        var perSymbol = index / symbols.Count;
        var candle = perSymbol / updatesPerCandle;
        var step = perSymbol % updatesPerCandle;
        var open = FirstOpenTime + candle * 60_000L;
        // A close that wanders between 95 and 105 so the strategy trades now and then; open, high and low stay put.
        var close = 95m + ((index * 7919L) % 1_000) * 0.01m;
        return new Candle(symbol, KlineInterval.OneMinute, open, open + 59_999, 100m, 106m, 94m, close, 1m + step, 100m + step,
            index + 1L, IsClosed: step == updatesPerCandle - 1);
    }

    /// <summary>One closed candle per symbol before the measured ones (trade count 0, so never matched): warms the path.</summary>
    public IEnumerable<Candle> Probes() => symbols.Select(symbol =>
        new Candle(symbol, KlineInterval.OneMinute, FirstOpenTime - 60_000, FirstOpenTime - 1, 100m, 106m, 94m, 100m, 1m, 100m, 0, IsClosed: true));

    /// <summary>The sequence number an update's trade count stands for; −1 for a probe.</summary>
    public static long IndexOf(in Candle candle) => candle.TradeCount - 1;
}
