using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// One kline row from its UTF-8 bytes: fields are located with spans and numbers parsed in place, so a row costs no
/// string. The plain forms Binance writes (digits, one point) take a fast path; anything else (signs, exponents,
/// spaces, quotes, ISO times) goes through the framework's parsers with the same rules as before, and every problem
/// names the file, the line and the field.
/// </summary>
internal static class KlineRowParser
{
    // Epoch numbers above this are microseconds (ms epochs stay below it until the year 5138).
    private const long MicrosecondThreshold = 100_000_000_000_000;

    // Mantissas up to this take another digit without overflowing 64 bits.
    private const ulong MantissaLimit = (ulong.MaxValue - 9) / 10;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Candle Parse(ReadOnlySpan<byte> line, KlineColumns map, string source, long lineNumber, string symbol, KlineInterval interval)
    {
        Span<Range> ranges = stackalloc Range[KlineColumns.MaxColumns + 1];
        var count = Split(line, ranges);
        if (count < map.MinimumColumns)
            throw new CsvFormatException(source, lineNumber, $"expected {map.MinimumColumns} columns but found {count}.");

        var openTime = Time(line[ranges[map.OpenTime]], "open_time", source, lineNumber);
        var closeTime = map.CloseTime >= 0 ? Time(line[ranges[map.CloseTime]], "close_time", source, lineNumber) : interval.CloseTime(openTime);
        return new Candle(
            symbol,
            interval,
            openTime,
            closeTime,
            Decimal(line[ranges[map.Open]], "open", source, lineNumber),
            Decimal(line[ranges[map.High]], "high", source, lineNumber),
            Decimal(line[ranges[map.Low]], "low", source, lineNumber),
            Decimal(line[ranges[map.Close]], "close", source, lineNumber),
            Decimal(line[ranges[map.Volume]], "volume", source, lineNumber),
            map.QuoteVolume >= 0 ? Decimal(line[ranges[map.QuoteVolume]], "quote_volume", source, lineNumber) : 0m,
            map.Count >= 0 ? Whole(line[ranges[map.Count]], "count", source, lineNumber) : 0,
            IsClosed: true);
    }

    // Up to ranges.Length fields; a row with more is counted as having that many (the first line set the limit).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Split(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        var count = 0;
        var start = 0;
        while (count < ranges.Length)
        {
            var comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                ranges[count++] = new Range(start, line.Length);
                break;
            }
            ranges[count++] = new Range(start, start + comma);
            start += comma + 1;
        }
        return count;
    }

    /// <summary>Digits with at most one point: the exact decimal, trailing zeros kept (as <see cref="decimal.Parse(string)"/> keeps them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryPlainDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        ulong mantissa = 0;
        var scale = -1;
        var digits = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit <= 9)
            {
                if (mantissa > MantissaLimit) break;
                mantissa = mantissa * 10 + digit;
                digits++;
                if (scale >= 0) scale++;
            }
            else if (b == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                value = 0;
                return false;
            }
        }

        if (digits == 0 || digits != text.Length - (scale >= 0 ? 1 : 0) || scale > 28)
        {
            value = 0;
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)Math.Max(scale, 0));
        return true;
    }

    private static decimal Decimal(ReadOnlySpan<byte> text, string column, string source, long line)
    {
        if (TryPlainDecimal(text, out var value)) return value;
        var trimmed = Text(text).Trim();
        if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return value;
        throw new CsvFormatException(source, line, $"column {column}: '{trimmed}' is not a finite decimal number.");
    }

    private static long Whole(ReadOnlySpan<byte> text, string column, string source, long line)
    {
        if (TryPlainWhole(text, out var value)) return value;
        var trimmed = Text(text).Trim();
        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return value;
        throw new CsvFormatException(source, line, $"column {column}: '{trimmed}' is not a whole number.");
    }

    private static long Time(ReadOnlySpan<byte> text, string column, string source, long line)
    {
        if (TryPlainWhole(text, out var epoch)) return epoch >= MicrosecondThreshold ? epoch / 1_000 : epoch;
        var trimmed = Text(text).Trim().Trim('"');
        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out epoch))
        {
            if (epoch < 0) throw new CsvFormatException(source, line, $"column {column}: {epoch} is before 1970.");
            return epoch >= MicrosecondThreshold ? epoch / 1_000 : epoch;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time.ToUnixTimeMilliseconds();

        throw new CsvFormatException(source, line,
            $"column {column}: '{trimmed}' is neither epoch milliseconds/microseconds nor an ISO-8601 time.");
    }

    // 1 to 18 digits and nothing else: fits a long without overflow checks.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPlainWhole(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18) return false;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9) return false;
            value = value * 10 + digit;
        }

        return true;
    }

    private static string Text(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text);
}
