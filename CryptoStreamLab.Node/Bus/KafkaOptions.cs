using System.Text;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>The "Kafka" configuration section.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Suffix of the dead-letter topic that receives messages the consumer could not use.</summary>
    public const string DeadLetterSuffix = ".dlq";

    /// <summary>Empty (the default) starts the embedded in-process broker; otherwise "host:port[,host:port…]".</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The seed's topic name.</summary>
    public string Topic { get; set; } = "StreamQuant";

    public string GroupId { get; set; } = "cryptostreamlab";

    /// <summary>Partitions for topics this app creates; an existing topic keeps its own count.</summary>
    public int Partitions { get; set; } = 3;

    /// <summary>Largest message value the consumer accepts; a candle is a few hundred bytes, anything far larger is garbage.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The most candle messages a partition may hold that the engines' group has not committed; the publisher waits beyond it.
    /// Empty: <see cref="EmbeddedMaxUnconsumed"/> with the embedded broker (whose log is bounded), 0 (no limit) on a cluster.
    /// </summary>
    public int? MaxUnconsumed { get; set; }

    /// <summary>Well below what the embedded broker keeps per partition (100,000 message batches or 5 MB, whichever is first).</summary>
    public const int EmbeddedMaxUnconsumed = 20_000;

    /// <summary>The largest limit allowed with the embedded broker: beyond it, the broker may drop messages before they are read.</summary>
    public const int EmbeddedMaxUnconsumedCeiling = 50_000;

    public int EffectiveMaxUnconsumed => MaxUnconsumed ?? (IsEmbedded ? EmbeddedMaxUnconsumed : 0);

    /// <summary>
    /// Extra librdkafka settings (security.protocol, sasl.*, ssl.*, …) applied to every client.
    /// Values whose key may name a credential (<see cref="IsSensitive"/>) are never logged or reported.
    /// </summary>
    public Dictionary<string, string> Client
    {
        get;
        // Setting names are matched without regard to case, however the dictionary was made (the binder makes its own).
        set => field = value is null ? new(StringComparer.OrdinalIgnoreCase) : new(value, StringComparer.OrdinalIgnoreCase);
    } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);

    public string DeadLetterTopic => Topic + DeadLetterSuffix;

    /// <summary>Every change of every stream, from the engine that owns it (key = stream id): what dashboards show and new owners restore from.</summary>
    public string StateTopic => Topic + ".state";

    /// <summary>Commands for a stream's owning engine, such as a reset of its account (key = stream id).</summary>
    public string CommandsTopic => Topic + ".commands";

    /// <summary>Every topic the app reads or writes, created when missing.</summary>
    public IReadOnlyList<string> Topics => [Topic, DeadLetterTopic, StateTopic, CommandsTopic];

    /// <summary>Settings this app owns; letting Client override them would break delivery or commit guarantees.</summary>
    internal static readonly string[] ReservedClientKeys =
    [
        "bootstrap.servers", "metadata.broker.list", "group.id", "enable.auto.commit", "enable.auto.offset.store",
        "enable.idempotence", "acks", "request.required.acks",
    ];

    /// <summary>
    /// Whether a setting's value may be a credential, by any word in its name in any spelling (<c>sasl.password</c>,
    /// <c>SaslPassword</c>, <c>sasl.oauthbearer.config</c>, <c>ssl.key.pem</c>, <c>sasl.oauthbearer.client.secret</c>, a token).
    /// Wrongly masking a harmless value costs a little readability; the other way round leaks a secret.
    /// </summary>
    internal static bool IsSensitive(string key) => SensitiveWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] SensitiveWords =
        ["password", "passwd", "secret", "key", "token", "oauthbearer", "jaas", "credential", "pem", "private", "auth"];

    /// <summary>The Client settings for logs: names always, values only when they cannot be credentials.</summary>
    public string DescribeClientSettings()
    {
        if (Client.Count == 0) return "(none)";
        var text = new StringBuilder();
        foreach (var (key, value) in Client.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0) text.Append(", ");
            text.Append(key).Append('=').Append(IsSensitive(key) ? "***" : value);
        }
        return text.ToString();
    }

    /// <summary>Every problem in the section, each naming its key, so one start-up attempt shows everything to fix.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Topic))
            yield return "Kafka:Topic is empty.";
        else if (Topic.Length > MaxTopicLength || !Topic.All(IsTopicChar) || Topic is "." or "..")
            yield return $"Kafka:Topic '{Topic}' is not a valid topic name (letters, digits, '.', '_', '-'; at most {MaxTopicLength} characters).";

        if (string.IsNullOrWhiteSpace(GroupId))
            yield return "Kafka:GroupId is empty.";

        if (Partitions is < 1 or > 10_000)
            yield return $"Kafka:Partitions is {Partitions}; use 1 to 10000.";

        if (MaxMessageBytes is < 1024 or > 100 * 1024 * 1024)
            yield return $"Kafka:MaxMessageBytes is {MaxMessageBytes}; use 1024 to 104857600.";

        if (MaxUnconsumed is < 0 or > 10_000_000)
            yield return $"Kafka:MaxUnconsumed is {MaxUnconsumed}; use 0 (no limit) to 10000000.";
        else if (IsEmbedded && MaxUnconsumed is 0 or > EmbeddedMaxUnconsumedCeiling)
            yield return $"Kafka:MaxUnconsumed is {MaxUnconsumed}; with the embedded broker use 1 to {EmbeddedMaxUnconsumedCeiling}: " +
                "its log keeps at most 5 MB per partition, and messages beyond it are dropped before they are read.";

        if (!IsEmbedded)
        {
            foreach (var server in BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
            {
                var colon = server.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
                    yield return $"Kafka:BootstrapServers entry '{server}' is not host:port.";
            }
        }

        foreach (var (key, value) in Client)
        {
            if (string.IsNullOrWhiteSpace(key))
                yield return "Kafka:Client has an empty setting name.";
            else if (ReservedClientKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                yield return $"Kafka:Client:{key} is set by the app itself and cannot be overridden.";
            // Only the name is reported: the value may be a credential.
            else if (value is null)
                yield return $"Kafka:Client:{key} has no value.";
        }
    }

    // Kafka's own limit is 249 characters; the dead-letter topic adds its suffix.
    private const int MaxTopicLength = 249 - 4;

    private static bool IsTopicChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
