using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// What a signed-in session carries and when it stops being valid: past its absolute expiry, when it was signed out (its
/// server-side record in <see cref="SessionStore"/> is revoked), when its user is no longer configured, or when that
/// user's password hash has changed. The cookie (on every request), an open dashboard (every
/// <see cref="AuthOptions.RevalidationInterval"/> and before every action) and an event stream (every second) ask it.
/// </summary>
public sealed class SessionValidator(UserDirectory users, SessionStore store, TimeProvider clock)
{
    public const string SessionClaim = "cryptostreamlab:session";

    public const string ExpiresClaim = "cryptostreamlab:session-expires";
    public const string StampClaim = "cryptostreamlab:stamp";

    /// <summary>A new session of <paramref name="user"/>, recorded in the store, as the principal its cookie carries.</summary>
    public ClaimsPrincipal Principal(AuthUser user, DateTimeOffset expires) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.Name!),
                new Claim(SessionClaim, store.Create(user.Name!, expires)),
                new Claim(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(StampClaim, Stamp(user.PasswordHash!)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>Null when the session is valid, otherwise why not (for the log; it names no secret).</summary>
    public string? Problem(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { } name }) return "not signed in";
        if (!long.TryParse(principal.FindFirstValue(ExpiresClaim), out var expires) ||
            clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires))
            return $"the session of {name} has expired";
        if (!store.IsActive(principal.FindFirstValue(SessionClaim))) return $"the session of {name} was signed out";
        if (users.Find(name) is not { PasswordHash: { } hash }) return $"{name} is no longer a configured user";
        if (principal.FindFirstValue(StampClaim) != Stamp(hash)) return $"the password of {name} has changed";
        return null;
    }

    /// <summary>Ends the principal's session on the server: its cookie, copied or not, is refused from now on.</summary>
    public void SignOut(ClaimsPrincipal principal) => store.Revoke(principal.FindFirstValue(SessionClaim));

    /// <summary>A short digest of the password hash: a new password ends the sessions signed in with the old one.</summary>
    private static string Stamp(string passwordHash) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(passwordHash)), 0, 12);
}
