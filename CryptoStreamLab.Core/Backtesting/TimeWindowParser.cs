using System.Globalization;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>How a time is given: what a blank end means and whether epoch milliseconds are accepted beside ISO-8601.</summary>
/// <param name="EpochMilliseconds">A whole number (digits only) is epoch milliseconds.</param>
/// <param name="BlankIsOpen">A blank time is an open end (a form field left empty); otherwise it is refused.</param>
public readonly record struct TimeInput(bool EpochMilliseconds, bool BlankIsOpen)
{
    /// <summary>Typed by a person (command-line options, the dashboard's range fields): ISO-8601 only, blank is open.</summary>
    public static TimeInput Typed { get; } = new(EpochMilliseconds: false, BlankIsOpen: true);

    /// <summary>An HTTP query parameter: epoch milliseconds or ISO-8601; a parameter given empty is refused.</summary>
    public static TimeInput Query { get; } = new(EpochMilliseconds: true, BlankIsOpen: false);

    /// <summary>The accepted forms, for messages and help texts.</summary>
    public string Formats => EpochMilliseconds ? "epoch milliseconds or " + TimeWindowParser.TimeFormats : TimeWindowParser.TimeFormats;
}

/// <summary>Why a time or a range was refused, and the name of the end at fault.</summary>
public sealed record TimeWindowError(string Name, string Message);

/// <summary>
/// The one reading of a [from, to) range given as text, for the command line, the dashboard and the HTTP API alike: each end
/// a UTC date or date and time in ISO-8601 (UTC unless an offset is given), or, where <see cref="TimeInput.EpochMilliseconds"/>
/// says so, epoch milliseconds; a missing end is open; from must come before to, which is exclusive.
/// </summary>
public static class TimeWindowParser
{
    public const string TimeFormats = "2026-02-01 or 2026-02-01T12:00:00Z (UTC unless an offset is given)";

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
    /// The window between two optional times, <paramref name="fromName"/> and <paramref name="toName"/> naming them in
    /// messages. Null when both ends are good and from comes before to, else why not (the window is then <see cref="TimeWindow.All"/>).
    /// </summary>
    public static TimeWindowError? TryParse(string? from, string? to, string fromName, string toName, TimeInput input, out TimeWindow window)
    {
        window = TimeWindow.All;
        var start = long.MinValue;
        var end = long.MaxValue;
        if (!IsOpen(from, input) && !TryParseTime(from!, input, out start)) return new TimeWindowError(fromName, NotATime(fromName, from!, input));
        if (!IsOpen(to, input) && !TryParseTime(to!, input, out end)) return new TimeWindowError(toName, NotATime(toName, to!, input));
        if (start >= end)
        {
            return new TimeWindowError(fromName,
                $"{fromName} {TimeWindow.FormatTime(start)} must be before {toName} {TimeWindow.FormatTime(end)} ({toName} is exclusive).");
        }
        window = new TimeWindow(start, end);
        return null;
    }

    /// <summary>Epoch milliseconds of one time in a form <paramref name="input"/> accepts.</summary>
    public static bool TryParseTime(string text, TimeInput input, out long epochMs)
    {
        if (input.EpochMilliseconds && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out epochMs)) return true;
        if (DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            epochMs = time.ToUnixTimeMilliseconds();
            return true;
        }
        epochMs = 0;
        return false;
    }

    /// <summary>The message for a time that is none of the accepted forms.</summary>
    public static string NotATime(string name, string text, TimeInput input) => $"{name} '{text}' is not a date or time; use {input.Formats}.";

    private static bool IsOpen(string? text, TimeInput input) => text is null || (input.BlankIsOpen && string.IsNullOrWhiteSpace(text));
}
