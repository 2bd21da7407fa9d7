using System.Globalization;
using CryptoStreamLab.Core.Backtesting;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// The candles opening in [<see cref="From"/>, <see cref="To"/>) (epoch ms, UTC): from inclusive, to exclusive, so
/// <c>--from 2026-02-01 --to 2026-02-02</c> is exactly one day. A missing end is open. For <c>backtest</c> this is the
/// trading range: the candles before it only warm the indicators (see <see cref="WarmUp"/>).
/// </summary>
public readonly record struct ArchiveRange(long From, long To)
{
    public const string TimeFormats = "2026-02-01 or 2026-02-01T12:00:00Z (UTC unless an offset is given)";

    /// <summary>Every candle there is.</summary>
    public static ArchiveRange All { get; } = new(long.MinValue, long.MaxValue);

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// The range between two optional ISO-8601 times, <paramref name="fromName"/> and <paramref name="toName"/> naming them in
    /// messages.
    /// </summary>
    /// <exception cref="ArgumentException">A time is not ISO-8601, or the range is empty (from at or after to).</exception>
    public static ArchiveRange Parse(string? from, string? to, string fromName = "--from", string toName = "--to")
    {
        var start = string.IsNullOrWhiteSpace(from) ? long.MinValue : ParseTime(from, fromName);
        var end = string.IsNullOrWhiteSpace(to) ? long.MaxValue : ParseTime(to, toName);
        if (start >= end)
            throw new ArgumentException($"{fromName} {Format(start)} must be before {toName} {Format(end)} ({toName} is exclusive).");
        return new ArchiveRange(start, end);
    }

    /// <summary>Epoch milliseconds of a UTC date or date and time.</summary>
    /// <exception cref="ArgumentException">Not one of the accepted forms.</exception>
    public static long ParseTime(string text, string name)
    {
        if (DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }
        throw new ArgumentException($"{name} '{text}' is not a date or time; use {TimeFormats}.");
    }

    /// <summary>An ISO-8601 UTC time, e.g. 2026-02-01T00:00:00Z.</summary>
    public static string Format(long epochMs) => TimeWindow.FormatTime(epochMs);

    /// <summary>The same range as the backtester takes it.</summary>
    public TimeWindow Window => new(From, To);

    public override string ToString() => (From, To) switch
    {
        (long.MinValue, long.MaxValue) => "at any time",
        (long.MinValue, var to) => $"before {Format(to)}",
        (var from, long.MaxValue) => $"from {Format(from)} on",
        var (from, to) => $"from {Format(from)} to {Format(to)}",
    };
}
