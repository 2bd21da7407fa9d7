namespace CryptoStreamLab.Core.Market;

/// <summary>Binance's kline intervals, and only those.</summary>
public enum KlineInterval
{
    OneSecond,
    OneMinute,
    ThreeMinutes,
    FiveMinutes,
    FifteenMinutes,
    ThirtyMinutes,
    OneHour,
    TwoHours,
    FourHours,
    SixHours,
    EightHours,
    TwelveHours,
    OneDay,
    ThreeDays,
    OneWeek,
    OneMonth,
}

/// <summary>Conversions between <see cref="KlineInterval"/> and Binance's codes ("1m", "4h", "1M"…).</summary>
public static class KlineIntervals
{
    private static readonly string[] CodeTable =
        ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M"];

    private const long Second = 1_000, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour;

    private static readonly long[] DurationTable =
    [
        Second, Minute, 3 * Minute, 5 * Minute, 15 * Minute, 30 * Minute, Hour, 2 * Hour, 4 * Hour, 6 * Hour,
        8 * Hour, 12 * Hour, Day, 3 * Day, 7 * Day, 0,
    ];

    /// <summary>Every code Binance accepts, in ascending order of length.</summary>
    public static IReadOnlyList<string> Codes => CodeTable;

    /// <summary>Every interval, in ascending order of length.</summary>
    public static IReadOnlyList<KlineInterval> All { get; } = Enum.GetValues<KlineInterval>();

    /// <summary>Binance's code for the interval ("1m"). Case matters: "1m" is a minute, "1M" a month.</summary>
    public static string ToCode(this KlineInterval interval) => CodeTable[(int)interval];

    public static bool TryParse(string? code, out KlineInterval interval)
    {
        var index = code is null ? -1 : Array.IndexOf(CodeTable, code.Trim());
        interval = index < 0 ? default : (KlineInterval)index;
        return index >= 0;
    }

    /// <exception cref="FormatException">The code is not one of Binance's intervals.</exception>
    public static KlineInterval Parse(string? code) =>
        TryParse(code, out var interval)
            ? interval
            : throw new FormatException(
                $"'{code}' is not a Binance kline interval; use one of {string.Join(", ", CodeTable)}.");

    /// <summary>Open time of the candle after the one opening at <paramref name="openTimeMs"/> (epoch ms, UTC).</summary>
    /// <remarks>Months have no fixed length, so "1M" steps by calendar month.</remarks>
    public static long NextOpenTime(this KlineInterval interval, long openTimeMs) =>
        interval == KlineInterval.OneMonth
            ? DateTimeOffset.FromUnixTimeMilliseconds(openTimeMs).AddMonths(1).ToUnixTimeMilliseconds()
            : openTimeMs + DurationTable[(int)interval];

    /// <summary>
    /// Open time of the candle that contains <paramref name="timeMs"/> (epoch ms, UTC): candles open on interval
    /// boundaries as Binance's do, weeks on Monday, months on the 1st, three-day candles at midnight.
    /// </summary>
    public static long OpenTimeAt(this KlineInterval interval, long timeMs)
    {
        if (interval == KlineInterval.OneMonth)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
            return new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        }
        // Binance counts three-day candles from each symbol's listing, so only the day boundary is common to all.
        var length = interval == KlineInterval.ThreeDays ? Day : DurationTable[(int)interval];
        // The epoch was a Thursday: weekly candles open four days after it, on Mondays.
        var offset = interval == KlineInterval.OneWeek ? 4 * Day : 0;
        return Math.DivRem(timeMs - offset, length) switch
        {
            var (q, r) when r < 0 => (q - 1) * length + offset,
            var (q, _) => q * length + offset,
        };
    }

    /// <summary>True when a candle of this interval may open at <paramref name="openTimeMs"/>.</summary>
    public static bool IsAligned(this KlineInterval interval, long openTimeMs) => interval.OpenTimeAt(openTimeMs) == openTimeMs;

    /// <summary>Binance's close time for a candle: one millisecond before the next one opens.</summary>
    public static long CloseTime(this KlineInterval interval, long openTimeMs) => interval.NextOpenTime(openTimeMs) - 1;

    /// <summary>Nominal length, used for annualising statistics and sizing look-backs (a month counts as 30 days).</summary>
    public static TimeSpan NominalDuration(this KlineInterval interval) =>
        interval == KlineInterval.OneMonth ? TimeSpan.FromDays(30) : TimeSpan.FromMilliseconds(DurationTable[(int)interval]);
}
