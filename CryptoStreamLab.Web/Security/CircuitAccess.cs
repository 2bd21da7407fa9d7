using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Asked by a dashboard component before it acts (resets an account, runs a backtest): with access control on, the
/// circuit's user must still hold a valid session at this moment (<see cref="CredentialWatch"/>), not only when the page
/// was opened or at the last revalidation. When it does not, nothing is done and the browser is sent to /login.
/// </summary>
public sealed class CircuitAccess(
    NavigationManager navigation, IOptionsMonitor<AuthOptions>? auth = null, CredentialWatch? watch = null, AuthenticationStateProvider? state = null)
{
    public async Task<bool> AllowedAsync()
    {
        if (auth?.CurrentValue.Enabled != true) return true;
        var user = state is null ? null : (await state.GetAuthenticationStateAsync()).User;
        if (user?.Identity?.IsAuthenticated == true && watch?.Problem(user) is null) return true;
        navigation.NavigateTo("/login", forceLoad: true);
        return false;
    }
}
