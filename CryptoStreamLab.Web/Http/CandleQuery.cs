using System.Globalization;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Node.Archive;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// The <c>from</c>, <c>to</c> (or <c>before</c>, its name on the old history route) and <c>limit</c> of a candles request:
/// times as <see cref="TimeWindowParser"/> reads a query (epoch milliseconds or ISO-8601), <c>from</c> inclusive and
/// <c>to</c> exclusive; <c>limit</c> from 1 to <see cref="MaxLimit"/> (default <see cref="DefaultLimit"/>), the same limits
/// as the charts' scroll-back.
/// </summary>
internal readonly record struct CandleQuery(long From, long To, int Limit, bool ByBefore)
{
    public const int DefaultLimit = ArchiveLookback.ChunkSize;

    public const int MaxLimit = ArchiveLookback.MaxCount;

    public static bool TryParse(string? from, string? to, string? before, string? limit, out CandleQuery query, out ProblemHttpResult? problem)
    {
        query = default;
        problem = null;
        if (before is not null && to is not null)
        {
            problem = StreamRoute.BadParameter("before", "before and to are the same bound (the exclusive end): give one of them.");
            return false;
        }
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            problem = StreamRoute.BadParameter("limit", $"limit '{limit}' must be a whole number from 1 to {MaxLimit}.");
            return false;
        }
        var (endName, end) = before is not null ? ("before", before) : ("to", to);
        if (TimeWindowParser.TryParse(from, end, "from", endName, TimeInput.Query, out var window) is { } error)
        {
            problem = StreamRoute.BadParameter(error.Name, error.Message);
            return false;
        }
        query = new CandleQuery(window.From, window.To, count, before is not null);
        return true;
    }
}
