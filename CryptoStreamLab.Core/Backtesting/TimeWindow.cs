using System.Globalization;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// The candles opening in [<see cref="From"/>, <see cref="To"/>) (epoch ms, UTC): from inclusive, to exclusive.
/// <see cref="long.MinValue"/> and <see cref="long.MaxValue"/> stand for an open end.
/// </summary>
public readonly record struct TimeWindow(long From, long To)
{
    /// <summary>Every candle there is: nothing warms, everything trades.</summary>
    public static TimeWindow All { get; } = new(long.MinValue, long.MaxValue);

    public bool Contains(long openTime) => openTime >= From && openTime < To;

    /// <summary>True when both ends are open.</summary>
    public bool IsAll => From == long.MinValue && To == long.MaxValue;

    /// <summary>An ISO-8601 UTC time, e.g. 2026-02-01T00:00:00Z (milliseconds only when there are any).</summary>
    public static string FormatTime(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
