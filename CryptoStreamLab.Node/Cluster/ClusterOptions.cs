namespace CryptoStreamLab.Node.Cluster;

/// <summary>
/// The "Cluster" section: the key every node of one cluster shares to sign the messages of its internal topics (state,
/// commands, heartbeats). Never logged or reported.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>The fewest key bytes accepted: as many as the HMAC-SHA256 output.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>How to make a key, named wherever one is missing or too weak.</summary>
    public const string HowToMakeOne = "make one with `openssl rand -base64 32` (or `openssl rand -hex 32`) and give every node of the cluster the same value";

    /// <summary>
    /// At least 32 random bytes, written as hex (64 or more hex digits) or base64. Empty with the embedded broker: a key is then
    /// generated at start, so no client outside the process can sign. Required when Kafka:BootstrapServers names a cluster.
    /// </summary>
    public string SharedKey { get; set; } = "";

    /// <param name="embeddedBroker">Whether Kafka:BootstrapServers is empty (the embedded broker is used).</param>
    public IEnumerable<string> Validate(bool embeddedBroker)
    {
        if (string.IsNullOrWhiteSpace(SharedKey))
        {
            if (!embeddedBroker)
                yield return $"{SectionName}:SharedKey is required when Kafka:BootstrapServers names a cluster: it signs the state, command " +
                    $"and heartbeat messages so that no other client can forge them; {HowToMakeOne}.";
            yield break;
        }
        // The value itself is never echoed: it is a secret, even when it is a bad one.
        if (TryDecode(SharedKey) is not { } key)
            yield return $"{SectionName}:SharedKey is neither hex nor base64; {HowToMakeOne}.";
        else if (key.Length < MinKeyBytes)
            yield return $"{SectionName}:SharedKey decodes to {key.Length} bytes; at least {MinKeyBytes} random bytes are needed; {HowToMakeOne}.";
    }

    /// <summary>The key's bytes: hex when every character is a hex digit (an even count), base64 otherwise; null when neither.</summary>
    public static byte[]? TryDecode(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length % 2 == 0 && trimmed.Length > 0 && trimmed.All(char.IsAsciiHexDigit))
            return Convert.FromHexString(trimmed);
        var buffer = new byte[trimmed.Length];
        return Convert.TryFromBase64String(trimmed, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
