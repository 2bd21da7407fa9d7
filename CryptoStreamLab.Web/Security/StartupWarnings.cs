namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Configurations that work but leave a door open, said once at start: API keys still kept as slow PBKDF2 hashes (each
/// unknown key then costs tens of milliseconds to refuse), sign-in over plain HTTP beyond loopback (passwords and session
/// cookies readable on the network), and a host list that answers any name.
/// </summary>
public static class StartupWarnings
{
    public static IEnumerable<string> Of(IConfiguration configuration, AuthOptions auth)
    {
        foreach (var (index, key) in auth.ApiKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
            if (key.KeyHash is { } hash && !hash.StartsWith(ApiKeyFormat.StoredPrefix, StringComparison.Ordinal))
                yield return $"{AuthOptions.SectionName}:ApiKeys:{index}:KeyHash ({key.Name}) is a slow PBKDF2 hash of an older key: checking it costs " +
                             "tens of milliseconds of CPU. Replace it: run the new-api-key verb (dotnet run --project CryptoStreamLab.Web " +
                             $"--no-launch-profile -- new-api-key), give line 1 to the program and put line 2 in {AuthOptions.SectionName}:ApiKeys:{index}:KeyHash.";
        if (auth.Enabled)
            foreach (var url in ListenAddresses.PlainHttpBeyondLoopback(configuration))
                yield return $"Access control is on and the app listens on {url}, plain HTTP beyond loopback: passwords, API keys and session cookies " +
                             "cross the network unencrypted. Serve it over HTTPS (an https:// URL with a certificate, or a TLS proxy with " +
                             $"{ForwardedHeadersSettings.SectionName} and {AuthOptions.SectionName}:RequireSecureCookie=true).";
        if (AllowedHostsDefaults.Warning(configuration) is { } hosts) yield return hosts;
    }
}
