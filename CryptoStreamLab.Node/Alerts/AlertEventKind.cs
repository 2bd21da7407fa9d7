namespace CryptoStreamLab.Node.Alerts;

/// <summary>What a webhook can be told about.</summary>
[Flags]
public enum AlertEventKind
{
    None = 0,

    /// <summary>The paper account of a stream this node's engine runs bought or sold.</summary>
    Fill = 1,

    /// <summary>The strategy said BUY or SELL on a closed candle (whether or not the account could act on it).</summary>
    Signal = 2,

    /// <summary>A stream had no update for longer than MarketData:StaleAfter (once per silence).</summary>
    Stale = 4,

    /// <summary>This node's Kafka health check went unhealthy (once per outage).</summary>
    KafkaDown = 8,
}

public static class AlertEventKinds
{
    private static readonly (string Name, AlertEventKind Kind)[] Table =
    [
        ("fill", AlertEventKind.Fill), ("signal", AlertEventKind.Signal), ("stale", AlertEventKind.Stale), ("kafka-down", AlertEventKind.KafkaDown),
    ];

    /// <summary>"fill, signal, stale, kafka-down".</summary>
    public static string Names => string.Join(", ", Table.Select(entry => entry.Name));

    public static string Name(this AlertEventKind kind) => Table.First(entry => entry.Kind == kind).Name;

    /// <summary>The events a comma-separated list names, any case; <paramref name="unknown"/> is the first name that is not one.</summary>
    public static bool TryParse(string? text, out AlertEventKind kinds, out string? unknown)
    {
        kinds = AlertEventKind.None;
        unknown = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Table.FirstOrDefault(entry => string.Equals(entry.Name, part, StringComparison.OrdinalIgnoreCase));
            if (match.Kind == AlertEventKind.None)
            {
                unknown = part;
                return false;
            }
            kinds |= match.Kind;
        }
        return kinds != AlertEventKind.None;
    }

    /// <summary>The events in their canonical spelling, e.g. ["fill", "stale"].</summary>
    public static IReadOnlyList<string> Describe(AlertEventKind kinds) =>
        Table.Where(entry => (kinds & entry.Kind) != 0).Select(entry => entry.Name).ToList();
}

/// <summary>The body a webhook receives.</summary>
public enum AlertFormat
{
    /// <summary>The event's fields as JSON.</summary>
    Json,

    /// <summary>Slack incoming webhook: <c>{"text": …}</c>.</summary>
    Slack,

    /// <summary>Discord webhook: <c>{"content": …}</c>.</summary>
    Discord,

    /// <summary>Telegram Bot API sendMessage: <c>{"chat_id": …, "text": …}</c>, the chat id taken from the URL's query.</summary>
    Telegram,
}

public static class AlertFormats
{
    public static string Names => "json, slack, discord or telegram";

    public static bool TryParse(string? text, out AlertFormat format)
    {
        format = AlertFormat.Json;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed) && !int.TryParse(trimmed, out _) &&
               Enum.TryParse(trimmed, ignoreCase: true, out format) && Enum.IsDefined(format);
    }

    public static string Name(this AlertFormat format) => format.ToString().ToLowerInvariant();
}
