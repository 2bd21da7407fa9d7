using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// The candles a run over a <see cref="TimeWindow"/> is given: up to <c>warmUp</c> candles opening before the window
/// (fewer when the data has fewer), then those opening inside it. Candles must be in time order, as every reader gives them.
/// </summary>
public static class CandleWindow
{
    /// <summary>The index of the first candle opening at or after <paramref name="time"/>; <c>Count</c> when none does.</summary>
    public static int IndexAtOrAfter(IReadOnlyList<Candle> candles, long time)
    {
        ArgumentNullException.ThrowIfNull(candles);
        int low = 0, high = candles.Count;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (candles[middle].OpenTime < time) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    /// <summary>How many candles open inside the window.</summary>
    public static int CountIn(IReadOnlyList<Candle> candles, TimeWindow window) =>
        IndexAtOrAfter(candles, window.To) - IndexAtOrAfter(candles, window.From);

    /// <summary>The warm-up and the window's candles as one slice of the array, without copying.</summary>
    public static ArraySegment<Candle> Select(Candle[] candles, TimeWindow window, int warmUp)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUp);
        var first = IndexAtOrAfter(candles, window.From);
        var end = Math.Max(first, IndexAtOrAfter(candles, window.To));
        var start = Math.Max(0, first - warmUp);
        return new ArraySegment<Candle>(candles, start, end - start);
    }

    /// <summary>
    /// The same selection over a sequence read once: keeps only the last <paramref name="warmUp"/> candles before the window
    /// and stops reading at the first candle at or after its end.
    /// </summary>
    public static IEnumerable<Candle> Select(IEnumerable<Candle> candles, TimeWindow window, int warmUp)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUp);
        return candles switch
        {
            Candle[] array => Select(array, window, warmUp),
            ArraySegment<Candle> segment => SelectSegment(segment, window, warmUp),
            _ => Stream(candles, window, warmUp),
        };
    }

    private static ArraySegment<Candle> SelectSegment(ArraySegment<Candle> segment, TimeWindow window, int warmUp)
    {
        var first = IndexAtOrAfter(segment, window.From);
        var end = Math.Max(first, IndexAtOrAfter(segment, window.To));
        var start = Math.Max(0, first - warmUp);
        return segment.Slice(start, end - start);
    }

    private static IEnumerable<Candle> Stream(IEnumerable<Candle> candles, TimeWindow window, int warmUp)
    {
        var before = new Queue<Candle>(Math.Min(warmUp, 1 << 16));
        var inside = false;
        foreach (var candle in candles)
        {
            if (candle.OpenTime >= window.To) yield break;
            if (candle.OpenTime < window.From)
            {
                if (warmUp == 0) continue;
                if (before.Count == warmUp) before.Dequeue();
                before.Enqueue(candle);
                continue;
            }

            if (!inside)
            {
                inside = true;
                while (before.Count > 0) yield return before.Dequeue();
            }

            yield return candle;
        }

        // A window without candles still warms nothing and trades nothing: the caller sees an empty run.
    }
}
