using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Running behind a reverse proxy (nginx, Caddy) that terminates TLS (section <c>Hosting:ForwardedHeaders</c>): with the
/// proxy's address in <c>KnownProxies</c> or its network in <c>KnownNetworks</c> (CIDR), the app takes the client's address
/// and scheme from the proxy's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, so per-client limits count clients,
/// not the proxy, and the session cookie is Secure. Headers from any other sender are ignored. Nothing configured: the
/// headers are never read.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Hosting:ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < KnownProxies.Count; i++)
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return $"{SectionName}:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address (e.g. 10.0.0.5 or ::1).";
        for (var i = 0; i < KnownNetworks.Count; i++)
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return $"{SectionName}:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR form (e.g. 10.0.0.0/8).";
    }

    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}
