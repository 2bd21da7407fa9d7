using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>
/// <c>/health</c>, open to anyone: 200 for Healthy or Degraded, 503 for Unhealthy. A stranger (access control on, no
/// credential) reads only the status word; a signed-in user or an API key (or anyone, with access control off) gets the
/// JSON with each check's reason (<see cref="HealthReportWriter"/>), which can name broker addresses and file paths.
/// The checks run at most once per <see cref="CachedHealthReport.MaxAge"/> however many ask, so a flood of requests
/// cannot tie up threads in Kafka metadata calls.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext http, CachedHealthReport health, IOptionsMonitor<AuthOptions> auth) =>
        {
            var report = await health.GetAsync();
            http.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            http.Response.Headers.CacheControl = "no-store";
            if (!auth.CurrentValue.Enabled || http.User.Identity?.IsAuthenticated == true)
            {
                await HealthReportWriter.WriteAsync(http, report);
                return;
            }
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(report.Status.ToString());
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
