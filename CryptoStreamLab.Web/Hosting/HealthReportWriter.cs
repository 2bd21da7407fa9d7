using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>Writes /health as JSON with each check's status and reason, so "unhealthy" says why.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
