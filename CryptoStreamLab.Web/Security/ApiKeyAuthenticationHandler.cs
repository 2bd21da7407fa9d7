using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> checked against the configured API keys. Anything else in the header (another
/// scheme, no key, an unknown key) fails authentication, so the request gets 401 with <c>WWW-Authenticate: Bearer</c>;
/// a client over its failure limit (<see cref="AuthFailureLimiter"/>) gets 429 with <c>Retry-After</c> instead, before
/// any slow hash is computed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier,
    AuthFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim that names the key's configuration entry (an event stream watches that it stays configured).</summary>
    public const string KeyClaim = "cryptostreamlab:api-key";

    private const string Bearer = "Bearer ";
    private static readonly object TooManyFailures = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var address = Context.Connection.RemoteIpAddress;
        var overLimit = failures.IsOverLimit(address);
        var header = headers.Count == 1 ? headers[0] ?? "" : "";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            return Failed(overLimit, "The Authorization header is not one 'Bearer <key>'.");
        var key = header[Bearer.Length..].Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            return Failed(overLimit, "The bearer key is empty or malformed.");

        var check = verifier.Check(key, slowAllowed: !overLimit);
        if (check.Name is not { } name)
            return Failed(overLimit || check.Refused, "The bearer key is not a configured API key.");

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(KeyClaim, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private Task<AuthenticateResult> Failed(bool tooMany, string reason)
    {
        failures.RecordFailure(Context.Connection.RemoteIpAddress, reason);
        if (tooMany) Context.Items[TooManyFailures] = true;
        return Task.FromResult(AuthenticateResult.Fail(reason));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(TooManyFailures))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            Response.ContentType = "text/plain; charset=utf-8";
            await Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"Too many failed authentications from your address: wait up to a minute, then use a valid API key."));
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
    }
}
