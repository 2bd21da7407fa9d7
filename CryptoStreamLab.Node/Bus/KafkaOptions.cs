using System.Text;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

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
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.OrdinalIgnoreCase);

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
}

/// <summary>Reports every problem in the section at once, so one start-up attempt shows everything to fix.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    // Kafka's own limit is 249 characters; the dead-letter topic adds its suffix.
    private const int MaxTopicLength = 249 - 4;

    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Topic))
            problems.Add("Kafka:Topic is empty.");
        else if (options.Topic.Length > MaxTopicLength || !options.Topic.All(IsTopicChar) || options.Topic is "." or "..")
            problems.Add($"Kafka:Topic '{options.Topic}' is not a valid topic name (letters, digits, '.', '_', '-'; at most {MaxTopicLength} characters).");

        if (string.IsNullOrWhiteSpace(options.GroupId))
            problems.Add("Kafka:GroupId is empty.");

        if (options.Partitions is < 1 or > 10_000)
            problems.Add($"Kafka:Partitions is {options.Partitions}; use 1 to 10000.");

        if (options.MaxMessageBytes is < 1024 or > 100 * 1024 * 1024)
            problems.Add($"Kafka:MaxMessageBytes is {options.MaxMessageBytes}; use 1024 to 104857600.");

        if (options.MaxUnconsumed is < 0 or > 10_000_000)
            problems.Add($"Kafka:MaxUnconsumed is {options.MaxUnconsumed}; use 0 (no limit) to 10000000.");
        else if (options.IsEmbedded && options.MaxUnconsumed is 0 or > KafkaOptions.EmbeddedMaxUnconsumedCeiling)
            problems.Add($"Kafka:MaxUnconsumed is {options.MaxUnconsumed}; with the embedded broker use 1 to {KafkaOptions.EmbeddedMaxUnconsumedCeiling}: " +
                "its log keeps at most 5 MB per partition, and messages beyond it are dropped before they are read.");

        if (!options.IsEmbedded)
        {
            foreach (var server in options.BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
            {
                var colon = server.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
                    problems.Add($"Kafka:BootstrapServers entry '{server}' is not host:port.");
            }
        }

        foreach (var (key, value) in options.Client)
        {
            if (string.IsNullOrWhiteSpace(key))
                problems.Add("Kafka:Client has an empty setting name.");
            else if (KafkaOptions.ReservedClientKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                problems.Add($"Kafka:Client:{key} is set by the app itself and cannot be overridden.");
            // Only the name is reported: the value may be a credential.
            else if (value is null)
                problems.Add($"Kafka:Client:{key} has no value.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsTopicChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
