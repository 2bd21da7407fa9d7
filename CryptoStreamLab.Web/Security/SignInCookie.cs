using CryptoStreamLab.Web.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// The sign-in cookie: HTTP-only, SameSite=Lax, valid for <see cref="AuthOptions.SessionLifetime"/> from sign-in (not
/// sliding: an open dashboard makes no HTTP requests that could slide it, so a fixed end is one its circuit can keep too),
/// checked on every request by <see cref="SessionValidator"/>. A page request without it is sent to /login; an API,
/// circuit or script request gets 401 instead, which a program can act on.
/// </summary>
public static class SignInCookie
{
    public const string Name = "CryptoStreamLab.Session";

    public static void Configure(CookieAuthenticationOptions options, bool loginPage)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = false;
        options.LoginPath = "/login";
        options.AccessDeniedPath = "/login";
        options.Events.OnRedirectToLogin = context =>
        {
            if (loginPage && IsPageRequest(context.Request)) context.Response.Redirect(context.RedirectUri);
            else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
            if (context.Principal is null || sessions.Problem(context.Principal) is null) return;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        };
    }

    /// <summary>
    /// A browser navigating to a page (the interactive API reference at /api/docs is one), as opposed to the API, its
    /// OpenAPI document, the metrics a scraper reads, the circuit's hub or a script fetching something.
    /// </summary>
    private static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
        (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
         request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase)) &&
        !request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase) &&
        !request.Path.StartsWithSegments(TelemetryHosting.MetricsPath, StringComparison.OrdinalIgnoreCase) &&
        !request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase) &&
        !request.Path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase);
}
