namespace CryptoStreamLab.Core.Market;

/// <summary>
/// One stream's candles in open-time order, each open time once — the order every reader of stored candles hands on (the
/// archive can hold a candle twice after an interrupted compaction, and the live buffer repeats what was archived). Of
/// candles with the same open time the first in the given order is kept, so a caller puts the copy it trusts first.
/// </summary>
public static class CandleOrder
{
    /// <summary>Sorts <paramref name="candles"/> by open time (stable) and drops repeated open times, in place; returns the same list.</summary>
    public static List<Candle> ByOpenTimeUnique(List<Candle> candles)
    {
        ArgumentNullException.ThrowIfNull(candles);
        if (!IsOrdered(candles))
        {
            // Stable, unlike List.Sort: which copy of a repeated open time is first must not depend on the sort.
            var sorted = candles.OrderBy(c => c.OpenTime).ToArray();
            candles.Clear();
            candles.AddRange(sorted);
        }
        var unique = 0;
        for (var i = 0; i < candles.Count; i++)
        {
            if (unique > 0 && candles[unique - 1].OpenTime == candles[i].OpenTime) continue;
            candles[unique++] = candles[i];
        }
        candles.RemoveRange(unique, candles.Count - unique);
        return candles;
    }

    private static bool IsOrdered(List<Candle> candles)
    {
        for (var i = 1; i < candles.Count; i++)
        {
            if (candles[i].OpenTime < candles[i - 1].OpenTime) return false;
        }
        return true;
    }
}
