using System.Net;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// The addresses Kestrel will listen on, read from configuration the way Kestrel reads it, and whether each is loopback:
/// an app without users or API keys may only listen where nobody else can reach it.
/// </summary>
public static class ListenAddresses
{
    private const string DefaultUrl = "http://localhost:5000";

    /// <summary>
    /// Kestrel's precedence: endpoints under <c>Kestrel:Endpoints</c> replace everything else; otherwise <c>urls</c>
    /// (<c>Urls</c> in appsettings, <c>--urls</c>, <c>ASPNETCORE_URLS</c>); otherwise <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c>
    /// (every interface); otherwise localhost:5000.
    /// </summary>
    public static IReadOnlyList<(string Url, string Source)> Configured(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => !string.IsNullOrWhiteSpace(e["Url"]))
            .Select(e => (e["Url"]!.Trim(), $"Kestrel:Endpoints:{e.Key}:Url"))
            .ToList();
        if (endpoints.Count > 0) return endpoints;
        if (Split(configuration["urls"]) is { Count: > 0 } urls) return urls.Select(u => (u, "Urls")).ToList();
        var ports = Split(configuration["http_ports"]).Select(p => ($"http://*:{p}", "HTTP_PORTS"))
            .Concat(Split(configuration["https_ports"]).Select(p => ($"https://*:{p}", "HTTPS_PORTS")))
            .ToList();
        return ports.Count > 0 ? ports : [(DefaultUrl, "the default")];
    }

    /// <summary>
    /// True for <c>localhost</c>, <c>127.0.0.0/8</c> and <c>[::1]</c> (and Unix sockets and named pipes, which no other
    /// machine reaches); false for <c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c> and any other name or address.
    /// </summary>
    public static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        if (host == "") return true;
        if (host is null) return false;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host part of a listen URL (an IPv6 address without its brackets); "" for a Unix socket or named pipe, null when unreadable.</summary>
    public static string? HostOf(string url)
    {
        var rest = url.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? url[(scheme + 3)..] : url;
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
            return "";
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close < 0 ? null : rest[1..close];
        }
        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>Whether any configured address is reached over plain HTTP from beyond loopback.</summary>
    public static IEnumerable<string> PlainHttpBeyondLoopback(IConfiguration configuration) =>
        Configured(configuration).Where(a => !IsLoopback(a.Url) && a.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).Select(a => a.Url);

    /// <summary>Why the app must not start: it would listen beyond loopback with access control off. Empty when it may.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration, AuthOptions options)
    {
        if (options.Enabled || options.AllowAnonymous) yield break;
        foreach (var (url, source) in Configured(configuration).Where(a => !IsLoopback(a.Url)))
            yield return $"The app is told to listen on {url} ({source}), which is not a loopback address, and no user or API key is " +
                         "configured: anyone who reaches it could watch every stream and reset paper accounts. Configure a user " +
                         $"({AuthOptions.SectionName}:Users:0:Name and {AuthOptions.SectionName}:Users:0:PasswordHash, made with the " +
                         $"hash-password verb) or an API key, listen on localhost, or set {AuthOptions.SectionName}:AllowAnonymous=true " +
                         "to serve it open on purpose.";
    }

    private static List<string> Split(string? value) =>
        value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
}
