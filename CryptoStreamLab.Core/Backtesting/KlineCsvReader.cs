using System.Globalization;
using System.IO.Compression;
using System.Text;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Reads kline CSV files into closed candles, oldest first. Two layouts:
/// data.binance.vision klines (12 columns, with or without header; times in ms, or µs as spot files from
/// 2025 on use), and generic OHLCV with a header naming at least <c>open_time,open,high,low,close,volume</c>
/// (open_time in epoch ms or ISO-8601). Plain or gzip. Rows are parsed from UTF-8 bytes (<see cref="KlineRowParser"/>).
/// Every problem is reported with file and line.
/// </summary>
public static class KlineCsvReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>A line longer than this is not a kline row (64 columns of numbers fit in a few kilobytes).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>Opens a file for reading, decompressing gzip (recognised by its magic bytes, whatever the name).</summary>
    public static Stream OpenStream(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        return OpenStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize));
    }

    /// <summary>
    /// A seekable stream (a file, or an upload held in memory), decompressed when gzip (on a second thread, ahead of
    /// the parser); the result owns the stream.
    /// </summary>
    public static Stream OpenStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("Recognising gzip needs a seekable stream.", nameof(stream));
        var start = stream.Position;
        var isGzip = stream.ReadByte() == 0x1f && stream.ReadByte() == 0x8b;
        stream.Position = start;
        return isGzip ? new ReadAheadStream(new GZipStream(stream, CompressionMode.Decompress)) : stream;
    }

    /// <summary>Reads a file; see <see cref="Read(Stream, string, string, KlineInterval, long?)"/>.</summary>
    public static IEnumerable<Candle> ReadFile(string path, string symbol, KlineInterval interval, long? nowMs = null)
    {
        using var stream = OpenStream(path);
        foreach (var candle in Read(stream, path, symbol, interval, nowMs)) yield return candle;
    }

    /// <param name="stream">UTF-8 text (a byte-order mark is skipped), already decompressed.</param>
    /// <param name="source">Name used in error messages (the file path).</param>
    /// <param name="nowMs">The present (epoch ms): a row opening more than one interval later is refused. Null for files
    /// whose times are shifted before use (replay), where the caller checks the shifted candle.</param>
    /// <exception cref="CsvFormatException">A row cannot be used (<see cref="CandleRules"/>); nothing after it is read.</exception>
    public static IEnumerable<Candle> Read(Stream stream, string source, string symbol, KlineInterval interval, long? nowMs = null)
    {
        var lines = new Utf8LineReader(stream, BufferSize, MaxLineBytes);
        KlineColumns? map = null;
        long previousOpenTime = long.MinValue;
        while (true)
        {
            Candle candle;
            {
                if (!lines.TryReadLine(out var line, out var tooLong)) break;
                if (tooLong) throw new CsvFormatException(source, lines.LineNumber, $"the line is longer than {MaxLineBytes:N0} bytes; not a kline row.");
                if (line.IsEmpty) continue;
                if (map is null)
                {
                    map = KlineColumns.FromFirstLine(Encoding.UTF8.GetString(line), source, lines.LineNumber, out var isHeader);
                    if (isHeader) continue;
                }

                candle = KlineRowParser.Parse(line, map, source, lines.LineNumber, symbol, interval);
            }

            if (candle.OpenTime <= previousOpenTime)
            {
                throw new CsvFormatException(source, lines.LineNumber,
                    $"open time {Format(candle.OpenTime)} is not after the previous row's {Format(previousOpenTime)}; rows must go forward in time.");
            }

            if ((nowMs is { } now ? candle.Validate(now) : candle.Validate()) is { } problem) throw new CsvFormatException(source, lines.LineNumber, problem);
            previousOpenTime = candle.OpenTime;
            yield return candle;
        }

        if (map is null) throw new CsvFormatException(source, lines.LineNumber, "the file holds no rows.");
    }

    /// <summary>Guesses "BTCUSDT" and "1m" from names such as <c>BTCUSDT-1m-2026-02.csv.gz</c>.</summary>
    public static (string? Symbol, KlineInterval? Interval) InferStream(string path)
    {
        var parts = Path.GetFileName(path).Split('-', '_', '.');
        string? symbol = parts.Length > 0 && SymbolRules.IsValid(parts[0]) ? parts[0] : null;
        KlineInterval? interval = parts.Length > 1 && KlineIntervals.TryParse(parts[1], out var i) ? i : null;
        return (symbol, interval);
    }

    private static string Format(long epochMs) =>
        epochMs == long.MinValue ? "(none)" : DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("O", CultureInfo.InvariantCulture);
}
