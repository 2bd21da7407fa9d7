using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// ASP.NET Core rate limiting on the sign-in endpoint: <see cref="AuthOptions.LoginAttemptsPerMinute"/> attempts per
/// client address in a fixed one-minute window, then 429 with <c>Retry-After</c> until the window ends. Every attempt
/// counts, a successful one too, so the limit is taken before the (deliberately slow) password check runs and parallel
/// guesses cannot slip past it. Behind a reverse proxy every client has the proxy's address unless forwarded headers
/// are configured.
/// </summary>
public sealed class LoginRateLimit(IOptions<AuthOptions> options, ILogger<LoginRateLimit> log) : IRateLimiterPolicy<string>
{
    public const string Policy = "login";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => async (context, cancel) =>
    {
        var http = context.HttpContext;
        log.LogWarning("Too many sign-in attempts from {Address}: refused", http.Connection.RemoteIpAddress);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute, then try again.", cancel);
    };
}
