using System.Globalization;
using CryptoStreamLab.Web.Cli;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Api;

/// <summary>
/// The <c>from</c>, <c>to</c> and <c>limit</c> of a candles request: times as epoch milliseconds or ISO-8601 (UTC unless an
/// offset is given), <c>from</c> inclusive and <c>to</c> exclusive; <c>limit</c> from 1 to <see cref="MaxLimit"/>.
/// </summary>
internal readonly record struct CandleQuery(long From, long To, int Limit)
{
    public const int DefaultLimit = 500;

    public const int MaxLimit = 1_000;

    public static bool TryParse(string? from, string? to, string? limit, out CandleQuery query, out ProblemHttpResult? problem)
    {
        query = default;
        problem = null;
        var start = long.MinValue;
        var end = long.MaxValue;
        var count = DefaultLimit;
        if (from is not null && !TryParseTime(from, "from", out start, out problem)) return false;
        if (to is not null && !TryParseTime(to, "to", out end, out problem)) return false;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            problem = StreamRoute.BadParameter("limit", $"limit '{limit}' must be a whole number from 1 to {MaxLimit}.");
            return false;
        }
        if (start >= end)
        {
            problem = StreamRoute.BadParameter("from",
                $"from ({ArchiveRange.Format(start)}) must be before to ({ArchiveRange.Format(end)}); to is exclusive.");
            return false;
        }
        query = new CandleQuery(start, end, count);
        return true;
    }

    private static bool TryParseTime(string text, string name, out long time, out ProblemHttpResult? problem)
    {
        problem = null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out time)) return true;
        try
        {
            time = ArchiveRange.ParseTime(text, name);
            return true;
        }
        catch (ArgumentException)
        {
            problem = StreamRoute.BadParameter(name,
                $"{name} '{text}' is not a time: use epoch milliseconds or ISO-8601 such as 2026-02-01 or 2026-02-01T12:00:00Z.");
            return false;
        }
    }
}
