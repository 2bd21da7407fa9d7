using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest.Binance;

/// <summary>What one WebSocket text frame turned out to be.</summary>
public enum BinanceFrameKind
{
    /// <summary>A kline event; the candle and event time are set.</summary>
    Kline,

    /// <summary>Binance announced that the server is about to shut down: reconnect now.</summary>
    ServerShutdown,

    /// <summary>Well-formed JSON that is not a kline (a subscription reply, another event type): ignored.</summary>
    Other,

    /// <summary>Not JSON, or a kline with missing or impossible fields; the error says which.</summary>
    Malformed,
}

/// <summary>
/// Parses Binance kline frames, raw (<c>{"e":"kline",…}</c>) or wrapped in a combined-stream envelope
/// (<c>{"stream":"btcusdt@kline_1m","data":{…}}</c>), straight from the UTF-8 bytes with
/// <see cref="Utf8JsonReader"/> and <see cref="Utf8Parser"/>: no DOM, no intermediate strings, and decimals read
/// exactly as Binance wrote them. The only allocation is a symbol's string the first time it is seen.
/// One instance per connection: the symbol cache is not thread-safe.
/// </summary>
public sealed class BinanceKlineFrameParser
{
    private const int MaxCachedSymbols = 4096;

    private static readonly byte[][] IntervalCodes =
        KlineIntervals.All.Select(i => Encoding.ASCII.GetBytes(i.ToCode())).ToArray();

    private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _symbolLookup;

    private readonly TimeProvider _clock;

    /// <param name="clock">The present, against which a kline from the future is refused; the system clock when null.</param>
    public BinanceKlineFrameParser(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _symbolLookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Parses one complete frame.</summary>
    /// <param name="error">For <see cref="BinanceFrameKind.Malformed"/>, what is wrong and where; otherwise null.</param>
    public BinanceFrameKind Parse(ReadOnlySpan<byte> frame, out Candle candle, out long eventTime, out string? error)
    {
        candle = default;
        eventTime = 0;
        error = null;
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Malformed("the frame is not a JSON object", out error);
            return ParseEvent(ref reader, allowEnvelope: true, out candle, out eventTime, out error);
        }
        catch (JsonException ex)
        {
            error = $"invalid JSON at byte {ex.BytePositionInLine ?? reader.BytesConsumed}: {ex.Message}";
            return BinanceFrameKind.Malformed;
        }
    }

    private BinanceFrameKind ParseEvent(
        ref Utf8JsonReader reader, bool allowEnvelope, out Candle candle, out long eventTime, out string? error)
    {
        candle = default;
        eventTime = 0;
        error = null;
        var type = BinanceFrameKind.Other;
        var hasEventTime = false;
        var hasKline = false;
        string? klineError = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (allowEnvelope && reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                    return Malformed("the envelope's \"data\" is not an object", out error);
                // The payload carries everything needed; the envelope's "stream" name repeats it.
                return ParseEvent(ref reader, allowEnvelope: false, out candle, out eventTime, out error);
            }

            if (reader.ValueTextEquals("e"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return Malformed("\"e\" is not a string", out error);
                type = reader.ValueTextEquals("kline"u8) ? BinanceFrameKind.Kline
                    : reader.ValueTextEquals("serverShutdown"u8) ? BinanceFrameKind.ServerShutdown
                    : BinanceFrameKind.Other;
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out eventTime))
                    return Malformed("\"E\" (event time) is not an integer", out error);
                hasEventTime = true;
            }
            else if (reader.ValueTextEquals("k"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) return Malformed("\"k\" is not an object", out error);
                hasKline = TryParseKline(ref reader, out candle, out klineError);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type != BinanceFrameKind.Kline) return type;
        if (klineError is not null) return Malformed(klineError, out error);
        if (!hasKline) return Malformed("kline event without \"k\"", out error);
        if (!hasEventTime) return Malformed("kline event without \"E\" (event time)", out error);
        if (candle.Validate(_clock.GetUtcNow().ToUnixTimeMilliseconds()) is { } problem)
            return Malformed($"kline {candle.Symbol} {candle.Interval.ToCode()} opening {candle.OpenTime}: {problem}", out error);
        return BinanceFrameKind.Kline;
    }

    [Flags]
    private enum Field
    {
        None = 0, T0 = 1, T1 = 2, S = 4, I = 8, O = 16, H = 32, L = 64, C = 128, V = 256, N = 512, X = 1024, Q = 2048,
        All = 4095,
    }

    private bool TryParseKline(ref Utf8JsonReader reader, out Candle candle, out string? error)
    {
        candle = default;
        error = null;
        long openTime = 0, closeTime = 0, trades = 0;
        decimal open = 0, high = 0, low = 0, close = 0, volume = 0, quoteVolume = 0;
        string symbol = "";
        var interval = default(KlineInterval);
        var closed = false;
        var seen = Field.None;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            // Every field of interest has a one-letter name; anything else (f, L, V, Q, B…) is skipped.
            var letter = name.Length == 1 && !reader.ValueIsEscaped ? name[0] : (byte)0;
            reader.Read();
            var ok = true;
            switch (letter)
            {
                case (byte)'t': ok = TryInt64(ref reader, out openTime); seen |= Field.T0; break;
                case (byte)'T': ok = TryInt64(ref reader, out closeTime); seen |= Field.T1; break;
                case (byte)'n': ok = TryInt64(ref reader, out trades); seen |= Field.N; break;
                case (byte)'o': ok = TryDecimal(ref reader, out open); seen |= Field.O; break;
                case (byte)'h': ok = TryDecimal(ref reader, out high); seen |= Field.H; break;
                case (byte)'l': ok = TryDecimal(ref reader, out low); seen |= Field.L; break;
                case (byte)'c': ok = TryDecimal(ref reader, out close); seen |= Field.C; break;
                case (byte)'v': ok = TryDecimal(ref reader, out volume); seen |= Field.V; break;
                case (byte)'q': ok = TryDecimal(ref reader, out quoteVolume); seen |= Field.Q; break;
                case (byte)'x':
                    ok = reader.TokenType is JsonTokenType.True or JsonTokenType.False;
                    closed = reader.TokenType == JsonTokenType.True;
                    seen |= Field.X;
                    break;
                case (byte)'s':
                    ok = TrySymbol(ref reader, out symbol);
                    seen |= Field.S;
                    break;
                case (byte)'i':
                    ok = TryInterval(ref reader, out interval);
                    seen |= Field.I;
                    break;
                default:
                    reader.Skip();
                    break;
            }

            if (!ok)
            {
                error = $"kline field \"{Encoding.UTF8.GetString(name)}\" has an unusable value";
                SkipRest(ref reader);
                return false;
            }
        }

        if (seen != Field.All)
        {
            error = $"kline lacks field(s) {Missing(seen)}";
            return false;
        }

        candle = new Candle(symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades, closed);
        return true;
    }

    /// <summary>Leaves the reader at the end of the current object so the caller can report cleanly.</summary>
    private static void SkipRest(ref Utf8JsonReader reader)
    {
        reader.Skip();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static string Missing(Field seen)
    {
        var names = new[] { "t", "T", "s", "i", "o", "h", "l", "c", "v", "n", "x", "q" };
        return string.Join(", ", names.Where((_, bit) => (seen & (Field)(1 << bit)) == 0).Select(n => $"\"{n}\""));
    }

    private static bool TryInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    /// <summary>Binance sends prices and volumes as strings so no precision is lost; plain numbers are accepted too.</summary>
    private static bool TryDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetDecimal(out value);
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var span = reader.ValueSpan;
        return Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length;
    }

    private bool TrySymbol(ref Utf8JsonReader reader, out string symbol)
    {
        symbol = "";
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var bytes = reader.ValueSpan;
        if (!SymbolRules.IsValid(bytes)) return false;
        Span<char> chars = stackalloc char[SymbolRules.MaxLength];
        for (var i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
        var key = chars[..bytes.Length];
        if (_symbolLookup.TryGetValue(key, out var cached))
        {
            symbol = cached;
            return true;
        }
        symbol = new string(key);
        if (_symbols.Count < MaxCachedSymbols) _symbols[symbol] = symbol;
        return true;
    }

    private static bool TryInterval(ref Utf8JsonReader reader, out KlineInterval interval)
    {
        interval = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var span = reader.ValueSpan;
        for (var i = 0; i < IntervalCodes.Length; i++)
        {
            if (span.SequenceEqual(IntervalCodes[i]))
            {
                interval = (KlineInterval)i;
                return true;
            }
        }
        return false;
    }

    private static BinanceFrameKind Malformed(string message, out string? error)
    {
        error = message;
        return BinanceFrameKind.Malformed;
    }
}
