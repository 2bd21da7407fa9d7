using System.Globalization;
using System.Net.Http.Headers;

namespace CryptoStreamLab.Node.Resilience;

/// <summary>
/// How long a <c>Retry-After</c> header asks a client to wait, read one way for every HTTP client of the node (Binance's
/// REST answers and WebSocket handshakes, webhook deliveries): delta-seconds or an HTTP-date (relative to now), clamped to
/// [0, max] — a date in the past waits nothing, a huge number waits the maximum — and null when the header is absent or
/// unreadable, so the caller falls back to its own delay.
/// </summary>
public static class RetryAfterHeader
{
    public const string Name = "Retry-After";

    /// <summary>The wait <paramref name="value"/> asks for at <paramref name="now"/>, at most <paramref name="max"/>; null when it is absent or not a Retry-After value.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now, TimeSpan max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.All(char.IsAsciiDigit))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < max.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : max;
        }
        // Every HTTP-date form (IMF-fixdate and the two obsolete ones) as the HTTP stack reads them.
        return RetryConditionHeaderValue.TryParse(text, out var header) && header.Date is { } date ? Clamp(date - now, max) : null;
    }

    /// <summary>The wait the response's first <c>Retry-After</c> value asks for (see <see cref="Parse"/>).</summary>
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now, TimeSpan max) =>
        response.Headers.NonValidated.TryGetValues(Name, out var values) ? Parse(values.FirstOrDefault(), now, max) : null;

    /// <summary>The wait the first <c>Retry-After</c> value among raw response headers asks for (see <see cref="Parse"/>).</summary>
    public static TimeSpan? Of(IReadOnlyDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now, TimeSpan max) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, Name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault() is { } value
            ? Parse(value, now, max)
            : null;

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
