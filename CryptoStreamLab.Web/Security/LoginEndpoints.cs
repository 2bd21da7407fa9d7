using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// The sign-in form's target and the app bar's sign-out, both form posts with an antiforgery token (<see cref="PostedForm"/>).
/// Sign-in attempts are rate-limited per client address (<see cref="LoginRateLimit"/>) and failures per account name
/// (<see cref="AccountLoginLimit"/>); a failed one is logged with the name and the address, never the password. Signing
/// out revokes the session on the server (<see cref="SessionStore"/>), not only the browser's cookie.
/// </summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/auth/login";
    public const string LogoutPath = "/auth/logout";

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder endpoints)
    {
        // The form is read and its token checked by PostedForm, which answers 400/413 itself.
        endpoints.MapPost(LoginPath, SignInAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy).DisableAntiforgery();
        endpoints.MapPost(LogoutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, UserDirectory users, SessionValidator sessions,
        AccountLoginLimit accountLimit, IOptions<AuthOptions> options, TimeProvider clock, ILoggerFactory loggers)
    {
        var (form, refusal) = await PostedForm.ReadAsync(http, antiforgery);
        if (refusal is not null) return refusal;
        var log = loggers.CreateLogger(typeof(LoginEndpoints));
        string? name = form!["username"], password = form["password"];
        var returnUrl = LocalOnly(form["ReturnUrl"]);

        if (accountLimit.IsOverLimit(name))
        {
            log.LogWarning("Too many failed sign-ins for user {User}: refused from {Address}", Shorten(name), http.Connection.RemoteIpAddress);
            http.Response.Headers.RetryAfter = "60";
            return Results.Text("Too many failed sign-ins for this account. Wait a minute, then try again.", "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (users.Verify(name, password) is not { } user)
        {
            accountLimit.RecordFailure(name);
            log.LogWarning("Failed login for user {User} from {Address}", Shorten(name), http.Connection.RemoteIpAddress);
            return Results.Redirect($"/login?failed=1&ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var expires = clock.GetUtcNow() + options.Value.SessionLifetime;
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, sessions.Principal(user, expires),
            new AuthenticationProperties { ExpiresUtc = expires, IsPersistent = false, AllowRefresh = false });
        log.LogInformation("{User} signed in from {Address}", user.Name, http.Connection.RemoteIpAddress);
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SessionValidator sessions)
    {
        // A session that already ended has nothing to sign out (and its page's token no longer matches anyone).
        if (http.User.Identity?.IsAuthenticated != true) return Results.LocalRedirect("/login");
        var (_, refusal) = await PostedForm.ReadAsync(http, antiforgery);
        if (refusal is not null) return refusal;
        sessions.SignOut(http.User);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/login");
    }

    /// <summary>Only a path on this site: never another host (<c>//evil</c>, <c>/\evil</c>, <c>https://…</c>).</summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>A typed name as it may go to the log: at most 64 characters, no line breaks or other control characters.</summary>
    private static string Shorten(string? name) =>
        name is null ? "(none)" : new string(name.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (name.Length > 64 ? "…" : "");
}
