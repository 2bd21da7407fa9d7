namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Webhook URLs often carry their token in the path (Slack, Discord, Telegram) or the query: only the scheme, host and
/// port are ever shown. Text that may quote a URL (an exception's message) is scrubbed of every form of it.
/// </summary>
public static class SecretUrl
{
    private const string Hidden = "…";

    /// <summary>"https://hooks.slack.com/…": scheme, host and a non-default port; never credentials, path or query.</summary>
    public static string Mask(Uri url) => $"{url.Scheme}://{url.Host}{(url.IsDefaultPort ? "" : $":{url.Port}")}/{Hidden}";

    /// <summary><paramref name="text"/> with the whole URL, its path, query and credentials replaced.</summary>
    public static string Scrub(string text, Uri url)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var masked = Mask(url);
        // Longest forms first, so a shorter one never leaves part of a longer one behind.
        foreach (var whole in new[] { url.OriginalString, url.AbsoluteUri, url.ToString() }.Distinct().OrderByDescending(s => s.Length))
        {
            text = text.Replace(whole, masked, StringComparison.OrdinalIgnoreCase);
        }
        var parts = new[]
        {
            url.PathAndQuery, url.AbsolutePath, url.Query, url.Query.TrimStart('?'), url.UserInfo,
            Uri.UnescapeDataString(url.PathAndQuery), Uri.UnescapeDataString(url.Query.TrimStart('?')),
        };
        foreach (var part in parts.Where(p => p.Length > 1).Distinct().OrderByDescending(p => p.Length))
        {
            text = text.Replace(part, "/" + Hidden, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }
}
