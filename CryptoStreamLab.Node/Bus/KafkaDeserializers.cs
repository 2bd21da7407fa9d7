using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>One consumed value: either a usable candle, or the reason it is not plus its raw bytes for the dead-letter topic.</summary>
public readonly record struct KlineRecord(Candle Candle, long EventTime, string? Error, byte[]? RawValue);

/// <summary>
/// Parses straight from librdkafka's buffer, so a good message costs no byte[] copy; only rejected values are
/// copied, because the dead-letter topic needs them. Never throws: a bad value must not stop the consumer.
/// </summary>
/// <remarks>Validation is <see cref="Core.Market.CandleRules"/>', against <paramref name="clock"/>'s present.</remarks>
internal sealed class KlineRecordDeserializer(int maxBytes, TimeProvider clock) : IDeserializer<KlineRecord>
{
    public KlineRecord Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull) return new KlineRecord(default, 0, "message has no value", null);
        Candle candle = default;
        long eventTime = 0;
        var error = CheckSchemaVersion(context.Headers) ?? KlineCodec.TryDeserialize(data, maxBytes, clock.GetUtcNow().ToUnixTimeMilliseconds(), out candle, out eventTime);
        return error is null ? new KlineRecord(candle, eventTime, null, null) : new KlineRecord(default, 0, error, data.ToArray());
    }

    /// <summary>No header means a hand-written message in today's format (kcat); another version is not ours to guess.</summary>
    private static string? CheckSchemaVersion(Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(KlineCodec.SchemaVersionHeader, out var version)) return null;
        return version.AsSpan().SequenceEqual(KlineCodec.SchemaVersion)
            ? null
            : $"unsupported {KlineCodec.SchemaVersionHeader} '{Encoding.UTF8.GetString(version)}'";
    }
}

/// <summary>
/// Keys are symbols, a handful of distinct values repeated on every message: hand back the same string each time
/// instead of decoding a new one. Used only from the consumer's thread.
/// </summary>
internal sealed class SymbolKeyDeserializer : IDeserializer<string?>
{
    private const int MaxCached = 256;
    private readonly List<(byte[] Utf8, string Text)> _known = [];

    public string? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull) return null;
        foreach (var (utf8, text) in _known)
        {
            if (data.SequenceEqual(utf8)) return text;
        }
        var decoded = Encoding.UTF8.GetString(data);
        if (_known.Count < MaxCached) _known.Add((data.ToArray(), decoded));
        return decoded;
    }
}
