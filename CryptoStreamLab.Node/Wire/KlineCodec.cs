using System.Text.Json;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Wire;

/// <summary>Converts between <see cref="Candle"/> and the topic's message format.</summary>
public static class KlineCodec
{
    /// <summary>Header naming the value's format, so a later format can be told apart from this one.</summary>
    public const string SchemaVersionHeader = "schema-version";

    public static ReadOnlySpan<byte> SchemaVersion => "1"u8;

    // 9999-01-01T00:00:00Z: leaves room to step one interval (up to a month) past any accepted open time.
    private const long MaxTimestamp = 253_370_764_800_000;

    public static byte[] Serialize(in Candle candle, long eventTime) =>
        JsonSerializer.SerializeToUtf8Bytes(ToMessage(candle, eventTime), KlineJsonContext.Default.KlineMessage);

    public static KlineMessage ToMessage(in Candle candle, long eventTime) => new()
    {
        Timestamp = candle.OpenTime,
        Open = candle.Open,
        High = candle.High,
        Low = candle.Low,
        Close = candle.Close,
        Volume = candle.Volume,
        Symbol = candle.Symbol,
        Interval = candle.Interval.ToCode(),
        CloseTime = candle.CloseTime,
        QuoteVolume = candle.QuoteVolume,
        Trades = candle.TradeCount,
        IsClosed = candle.IsClosed,
        EventTime = eventTime,
    };

    /// <summary>Parses and validates one message value against the present, <paramref name="nowMs"/> (epoch ms).</summary>
    /// <returns>Null when <paramref name="candle"/> is usable, otherwise why it is not.</returns>
    public static string? TryDeserialize(ReadOnlySpan<byte> value, int maxBytes, long nowMs, out Candle candle, out long eventTime)
    {
        candle = default;
        eventTime = 0;
        if (value.Length > maxBytes) return $"value is {value.Length} bytes, above the {maxBytes}-byte limit";

        KlineMessage message;
        try
        {
            // Decimals reject NaN, Infinity, quoted numbers and out-of-range values here, with the JSON path in the message.
            message = JsonSerializer.Deserialize(value, KlineJsonContext.Default.KlineMessage);
        }
        catch (JsonException e)
        {
            return "invalid JSON: " + e.Message;
        }

        eventTime = message.EventTime ?? 0;
        return ToCandle(message, out candle, nowMs);
    }

    /// <summary>The candle a parsed message describes, with absent optional fields filled in; null when valid, else why not.</summary>
    /// <param name="nowMs">The present (epoch ms) a candle from the future is refused against; null skips that check.</param>
    public static string? ToCandle(in KlineMessage message, out Candle candle, long? nowMs = null)
    {
        candle = default;
        // Checked before deriving the close time, which would overflow the calendar for absurd values.
        if (message.Timestamp is < 0 or > MaxTimestamp) return $"timestamp {message.Timestamp} is out of range";
        if (!KlineIntervals.TryParse(message.Interval, out var interval))
            return $"unknown interval '{message.Interval}'";

        candle = new Candle(
            message.Symbol,
            interval,
            message.Timestamp,
            message.CloseTime ?? interval.CloseTime(message.Timestamp),
            message.Open,
            message.High,
            message.Low,
            message.Close,
            message.Volume,
            message.QuoteVolume ?? 0m,
            message.Trades ?? 0,
            message.IsClosed ?? true);
        return nowMs is { } now ? candle.Validate(now) : candle.Validate();
    }
}
