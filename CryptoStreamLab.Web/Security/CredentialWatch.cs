using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Whether the credential a long-lived request was authenticated with still holds: a cookie session
/// (<see cref="SessionValidator"/>: signed out, expired, user removed, password changed) or an API key (still configured).
/// An event stream waits on <see cref="EndedAsync"/> beside its events and closes when it completes, so a revoked session
/// or key stops streaming within <see cref="CheckEvery"/>. With access control off nothing is watched.
/// </summary>
public sealed class CredentialWatch(SessionValidator sessions, ApiKeyVerifier keys, TimeProvider clock)
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    /// <summary>Why the principal's credential no longer holds, or null while it does (always null for an anonymous one).</summary>
    public string? Problem(ClaimsPrincipal user) => user.Identity switch
    {
        { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme } => sessions.Problem(user),
        { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName } =>
            user.FindFirst(ApiKeyAuthenticationHandler.KeyClaim)?.Value is { } name && keys.IsConfigured(name) ? null : "the API key was removed",
        _ => null,
    };

    /// <summary>
    /// A task that completes when the credential ends, or is cancelled with <paramref name="cancel"/>; null for an
    /// anonymous principal, which has nothing to end. The caller cancels <paramref name="cancel"/> when it is done.
    /// </summary>
    public Task? EndedAsync(ClaimsPrincipal user, CancellationToken cancel) =>
        user.Identity?.IsAuthenticated == true ? WatchAsync(user, cancel) : null;

    private async Task WatchAsync(ClaimsPrincipal user, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(CheckEvery, clock);
        while (Problem(user) is null) await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Who a per-client limit counts: the API key, the signed-in session, or, without either, the client's address.</summary>
    public static string ClientOf(HttpContext http) => http.User switch
    {
        var u when u.FindFirst(ApiKeyAuthenticationHandler.KeyClaim)?.Value is { } key => "key:" + key,
        var u when u.FindFirst(SessionValidator.SessionClaim)?.Value is { } session => "session:" + session,
        _ => "address:" + ClientAddress.PartitionKey(http.Connection.RemoteIpAddress),
    };
}
