using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// A browser sends the sign-in cookie with any request, including one a hostile page makes it send. So every
/// state-changing API request (<c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c> under <c>/api</c>) that is
/// authenticated by the cookie must also carry the antiforgery token (header <c>RequestVerificationToken</c>, or the
/// form field), or it gets 400. Bearer-key requests need none: no browser adds that header on its own. Applies to every
/// endpoint under <c>/api</c>, present and future, without each having to opt in.
/// </summary>
public sealed class CookieApiAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (IsStateChanging(http.Request) &&
            http.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme } &&
            !await antiforgery.IsRequestValidAsync(http))
        {
            await Results.Problem(
                "A request signed in by cookie must carry the antiforgery token (header RequestVerificationToken); " +
                "programs should use an API key (Authorization: Bearer) instead.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private static bool IsStateChanging(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) &&
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
}
