using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> checked against the configured API keys. Anything else in the header (another
/// scheme, no key, an unknown key) fails authentication, so the request gets 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string Bearer = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var header = headers.Count == 1 ? headers[0] ?? "" : "";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not one 'Bearer <key>'."));
        var key = header[Bearer.Length..].Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            return Task.FromResult(AuthenticateResult.Fail("The bearer key is empty or malformed."));
        if (verifier.Verify(key) is not { } name)
        {
            Logger.LogWarning("Unknown API key from {Address} for {Method} {Path}",
                Context.Connection.RemoteIpAddress, Request.Method, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("The bearer key is not a configured API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
