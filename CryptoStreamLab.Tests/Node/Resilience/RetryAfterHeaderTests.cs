using System.Net;
using CryptoStreamLab.Node.Resilience;

namespace CryptoStreamLab.Tests.Node.Resilience;

/// <summary>The one reading of Retry-After (Binance REST and handshakes, webhook deliveries): seconds or an HTTP-date, clamped, unreadable → null.</summary>
public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData("7", 7)]
    [InlineData(" 120 ", 120)]
    [InlineData("0", 0)]
    [InlineData("Sun, 01 Feb 2026 12:00:30 GMT", 30)] // IMF-fixdate
    [InlineData("Sunday, 01-Feb-26 12:01:00 GMT", 60)] // RFC 850, obsolete but still to be read
    [InlineData("Sun Feb  1 12:02:00 2026", 120)] // asctime
    public void Seconds_and_http_dates_give_the_wait(string value, int seconds) =>
        RetryAfterHeader.Parse(value, Now, Max).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("Sun, 01 Feb 2026 11:59:00 GMT", 0)] // a date already past waits nothing
    [InlineData("3601", 3600)]
    [InlineData("99999999999999999999999", 3600)] // beyond any integer type: still "a very long time"
    [InlineData("Mon, 02 Feb 2026 12:00:00 GMT", 3600)]
    public void The_wait_is_clamped_to_zero_and_the_maximum(string value, int seconds) =>
        RetryAfterHeader.Parse(value, Now, Max).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("2026-02-01T12:00:30Z")]
    public void An_absent_or_unreadable_value_is_null(string? value) => RetryAfterHeader.Parse(value, Now, Max).Should().BeNull();

    [Fact]
    public void The_first_value_of_a_response_or_of_raw_headers_is_read_whatever_its_case()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "42");
        RetryAfterHeader.Of(response, Now, Max).Should().Be(TimeSpan.FromSeconds(42));

        using var unreadable = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        unreadable.Headers.TryAddWithoutValidation("Retry-After", "later");
        RetryAfterHeader.Of(unreadable, Now, Max).Should().BeNull();
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        RetryAfterHeader.Of(none, Now, Max).Should().BeNull();

        var raw = new Dictionary<string, IEnumerable<string>> { ["retry-after"] = ["9"] };
        RetryAfterHeader.Of(raw, Now, Max).Should().Be(TimeSpan.FromSeconds(9));
        RetryAfterHeader.Of((IReadOnlyDictionary<string, IEnumerable<string>>?)null, Now, Max).Should().BeNull();
    }
}
