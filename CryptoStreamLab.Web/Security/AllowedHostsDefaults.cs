using Microsoft.AspNetCore.HostFiltering;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Which <c>Host</c> headers the app answers when <c>AllowedHosts</c> is not configured: the names it listens on. On
/// loopback that is <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>, so a DNS-rebinding page (evil.example resolved to
/// 127.0.0.1) gets 400 instead of the app's data; a named address adds that name; a wildcard address (<c>0.0.0.0</c>,
/// <c>*</c>, <c>[::]</c>) or a socket allows any host, and a warning at start asks for <c>AllowedHosts</c>. A configured
/// <c>AllowedHosts</c> (a list separated by semicolons, <c>*</c> for any) is used as it is.
/// </summary>
public static class AllowedHostsDefaults
{
    public const string Key = "AllowedHosts";
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddAllowedHostsDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[Key]))
            services.Configure<HostFilteringOptions>(o => o.AllowedHosts = Hosts(configuration).ToList());
        return services;
    }

    /// <summary>The hosts to allow for the addresses the app listens on; <c>*</c> when one of them can be reached by any name.</summary>
    public static IReadOnlyList<string> Hosts(IConfiguration configuration)
    {
        var hosts = new List<string>();
        foreach (var (url, _) in ListenAddresses.Configured(configuration))
        {
            if (ListenAddresses.IsLoopback(url) && ListenAddresses.HostOf(url) is not ("" or null))
            {
                hosts.AddRange(Loopback);
                continue;
            }
            var host = ListenAddresses.HostOf(url);
            if (host is null or "" or "*" or "+" or "0.0.0.0" or "::") return ["*"];
            hosts.Add(host.Contains(':') ? $"[{host}]" : host);
        }
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Why the host list is wide open, for a warning at start; null when it is not.</summary>
    public static string? Warning(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[Key]) && Hosts(configuration) is ["*"]
            ? $"The app listens on an address any host name reaches ({string.Join(", ", ListenAddresses.Configured(configuration).Select(a => a.Url))}) " +
              $"and {Key} is not set, so any Host header is answered. Set {Key} to the names the app is served under (e.g. dashboard.example.com), " +
              "so that a DNS-rebinding page cannot read it."
            : null;
}
