using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// An open dashboard holds its Blazor circuit long after the request that signed it in. Every
/// <see cref="AuthOptions.RevalidationInterval"/> this asks whether the circuit's session is still valid; when it is
/// not, the circuit's user becomes anonymous and the app bar's account menu sends the browser to /login, which ends the
/// circuit.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionValidator sessions, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _log = loggerFactory.CreateLogger<SessionRevalidation>();

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (sessions.Problem(authenticationState.User) is not { } problem) return Task.FromResult(true);
        _log.LogInformation("Ending a dashboard session: {Reason}", problem);
        return Task.FromResult(false);
    }
}
