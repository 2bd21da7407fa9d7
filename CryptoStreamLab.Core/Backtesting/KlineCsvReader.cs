using System.Globalization;
using System.IO.Compression;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Reads kline CSV files into closed candles, oldest first. Two layouts:
/// data.binance.vision klines (12 columns, with or without header; times in ms, or µs as spot files from
/// 2025 on use), and generic OHLCV with a header naming at least <c>open_time,open,high,low,close,volume</c>
/// (open_time in epoch ms or ISO-8601). Plain or gzip. Every problem is reported with file and line.
/// </summary>
public static class KlineCsvReader
{
    private static readonly string[] BinanceColumns =
        ["open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count"];

    /// <summary>Opens a file for reading, decompressing gzip (recognised by its magic bytes, whatever the name).</summary>
    public static TextReader OpenText(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        var stream = File.OpenRead(path);
        var isGzip = stream.ReadByte() == 0x1f && stream.ReadByte() == 0x8b;
        stream.Position = 0;
        Stream content = isGzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return new StreamReader(content, bufferSize: 1 << 16);
    }

    /// <summary>Reads a file; see <see cref="Read(TextReader, string, string, KlineInterval)"/>.</summary>
    public static IEnumerable<Candle> ReadFile(string path, string symbol, KlineInterval interval)
    {
        using var reader = OpenText(path);
        foreach (var candle in Read(reader, path, symbol, interval)) yield return candle;
    }

    /// <param name="source">Name used in error messages (the file path).</param>
    /// <exception cref="CsvFormatException">A row cannot be used; nothing after it is read.</exception>
    public static IEnumerable<Candle> Read(TextReader reader, string source, string symbol, KlineInterval interval)
    {
        long lineNumber = 0;
        ColumnMap? map = null;
        long previousOpenTime = long.MinValue;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || (line.Length == 1 && line[0] == '\r')) continue;

            if (map is null)
            {
                map = ColumnMap.FromFirstLine(line, source, lineNumber, out var isHeader);
                if (isHeader) continue;
            }

            var candle = ParseRow(line, map, source, lineNumber, symbol, interval);
            if (candle.OpenTime <= previousOpenTime)
            {
                throw new CsvFormatException(source, lineNumber,
                    $"open time {Format(candle.OpenTime)} is not after the previous row's {Format(previousOpenTime)}; rows must go forward in time.");
            }

            if (candle.Validate() is { } problem) throw new CsvFormatException(source, lineNumber, problem);
            previousOpenTime = candle.OpenTime;
            yield return candle;
        }

        if (map is null) throw new CsvFormatException(source, lineNumber, "the file holds no rows.");
    }

    /// <summary>Guesses "BTCUSDT" and "1m" from names such as <c>BTCUSDT-1m-2026-02.csv.gz</c>.</summary>
    public static (string? Symbol, KlineInterval? Interval) InferStream(string path)
    {
        var parts = Path.GetFileName(path).Split('-', '_', '.');
        string? symbol = parts.Length > 0 && SymbolRules.IsValid(parts[0]) ? parts[0] : null;
        KlineInterval? interval = parts.Length > 1 && KlineIntervals.TryParse(parts[1], out var i) ? i : null;
        return (symbol, interval);
    }

    private static Candle ParseRow(string line, ColumnMap map, string source, long lineNumber, string symbol, KlineInterval interval)
    {
        Span<Range> ranges = stackalloc Range[ColumnMap.MaxColumns + 1];
        var span = line.AsSpan().TrimEnd('\r');
        var count = span.Split(ranges, ',');
        if (count < map.MinimumColumns)
        {
            throw new CsvFormatException(source, lineNumber,
                $"expected {map.MinimumColumns} columns but found {count}.");
        }

        var openTime = ParseTime(span[ranges[map.OpenTime]], "open_time", source, lineNumber);
        var closeTime = map.CloseTime >= 0
            ? ParseTime(span[ranges[map.CloseTime]], "close_time", source, lineNumber)
            : interval.CloseTime(openTime);
        return new Candle(
            symbol,
            interval,
            openTime,
            closeTime,
            ParseDecimal(span[ranges[map.Open]], "open", source, lineNumber),
            ParseDecimal(span[ranges[map.High]], "high", source, lineNumber),
            ParseDecimal(span[ranges[map.Low]], "low", source, lineNumber),
            ParseDecimal(span[ranges[map.Close]], "close", source, lineNumber),
            ParseDecimal(span[ranges[map.Volume]], "volume", source, lineNumber),
            map.QuoteVolume >= 0 ? ParseDecimal(span[ranges[map.QuoteVolume]], "quote_volume", source, lineNumber) : 0m,
            map.Count >= 0 ? ParseLong(span[ranges[map.Count]], "count", source, lineNumber) : 0,
            IsClosed: true);
    }

    private static decimal ParseDecimal(ReadOnlySpan<char> text, string column, string source, long line)
    {
        text = text.Trim();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        throw new CsvFormatException(source, line, $"column {column}: '{text}' is not a finite decimal number.");
    }

    private static long ParseLong(ReadOnlySpan<char> text, string column, string source, long line)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw new CsvFormatException(source, line, $"column {column}: '{text}' is not a whole number.");
    }

    // Epoch numbers above this are microseconds (ms epochs stay below it until the year 5138).
    private const long MicrosecondThreshold = 100_000_000_000_000;

    private static long ParseTime(ReadOnlySpan<char> text, string column, string source, long line)
    {
        text = text.Trim().Trim('"');
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            if (epoch < 0) throw new CsvFormatException(source, line, $"column {column}: {epoch} is before 1970.");
            return epoch >= MicrosecondThreshold ? epoch / 1_000 : epoch;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }

        throw new CsvFormatException(source, line,
            $"column {column}: '{text}' is neither epoch milliseconds/microseconds nor an ISO-8601 time.");
    }

    private static string Format(long epochMs) =>
        epochMs == long.MinValue ? "(none)" : DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Where each field sits in a row.</summary>
    private sealed record ColumnMap(int OpenTime, int Open, int High, int Low, int Close, int Volume, int CloseTime, int QuoteVolume, int Count)
    {
        public const int MaxColumns = 64;

        public int MinimumColumns { get; } = new[] { OpenTime, Open, High, Low, Close, Volume, CloseTime, QuoteVolume, Count }.Max() + 1;

        private static readonly ColumnMap Binance = new(0, 1, 2, 3, 4, 5, 6, 7, 8);

        public static ColumnMap FromFirstLine(string line, string source, long lineNumber, out bool isHeader)
        {
            var fields = line.TrimEnd('\r').Split(',');
            if (fields.Length > MaxColumns)
                throw new CsvFormatException(source, lineNumber, $"{fields.Length} columns is more than the {MaxColumns} a kline file may have.");

            isHeader = !long.TryParse(fields[0].Trim().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            if (!isHeader)
            {
                if (fields.Length < 12)
                {
                    throw new CsvFormatException(source, lineNumber,
                        $"a headerless file must be in data.binance.vision's 12-column kline layout, but this row has {fields.Length} columns.");
                }

                return Binance;
            }

            var names = fields.Select(f => f.Trim().Trim('"').ToLowerInvariant()).ToList();
            int Find(string name, bool required)
            {
                var index = names.IndexOf(name);
                if (index < 0 && required)
                {
                    throw new CsvFormatException(source, lineNumber,
                        $"the header has no '{name}' column; it needs at least {string.Join(",", BinanceColumns[..6])}.");
                }

                return index;
            }

            return new ColumnMap(Find("open_time", true), Find("open", true), Find("high", true), Find("low", true),
                Find("close", true), Find("volume", true), Find("close_time", false), Find("quote_volume", false), Find("count", false));
        }
    }
}
