using System.Globalization;
using System.Text;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Reads kline CSV files into closed candles, oldest first. Two layouts:
/// data.binance.vision klines (12 columns, with or without header; times in ms, or µs as spot files from
/// 2025 on use), and generic OHLCV with a header naming at least <c>open_time,open,high,low,close,volume</c>
/// (open_time in epoch ms or ISO-8601). Plain, gzip, or a zip of one CSV (data.binance.vision's downloads). Rows are parsed from UTF-8 bytes (<see cref="KlineRowParser"/>).
/// Every problem is reported with file and line; a file without candles (empty, or a header alone) is one too.
/// </summary>
public static class KlineCsvReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>A line longer than this is not a kline row (64 columns of numbers fit in a few kilobytes).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>
    /// Two consecutive rows further apart than this (a year and a day) are refused: exchanges pause for hours or days,
    /// not years; such a jump is a wrong time unit or a typo, and would silently stretch every statistic over it.
    /// </summary>
    public const long MaxGapMs = 366L * 86_400_000;

    /// <summary>
    /// Opens a file for reading, decompressing gzip or a zip of one CSV (each recognised by its magic bytes, whatever the
    /// name). This is the one place kline files are opened: the backtest verb, the backtest page's upload and Replay read through it.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (or a folder is there).</exception>
    /// <exception cref="InvalidDataException">The file is named .gz or .zip but is not that; a zip does not hold exactly one file;
    /// when reading: its compressed data is damaged or cut short.</exception>
    public static Stream OpenStream(string path)
    {
        if (Directory.Exists(path)) throw new FileNotFoundException($"{path}: is a folder, not a kline file.", path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        return OpenStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize), path);
    }

    /// <summary>
    /// A seekable stream (a file, or an upload held in memory), decompressed when gzip or zip (on a second thread, ahead of
    /// the parser, and checked against the gzip trailer or the zip entry's header at its end: see <see cref="GzipContentStream"/>
    /// and <see cref="ZipContentStream"/>); the result owns the stream.
    /// </summary>
    /// <param name="source">The file's name, for messages; a name ending in .gz must hold gzip data, one ending in .zip a zip archive.</param>
    /// <exception cref="InvalidDataException">The name ends in .gz or .zip but the content is not that; a zip does not hold exactly one file.</exception>
    public static Stream OpenStream(Stream stream, string source = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("Recognising gzip or zip needs a seekable stream.", nameof(stream));
        var start = stream.Position;
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return new ReadAheadStream(new GzipContentStream(stream, source));
        // PK\3\4 opens an archive's first entry; PK\5\6 is the end record alone, an archive without entries.
        if (read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6)))
            return new ReadAheadStream(ZipContentStream.Open(stream, source));
        if (source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream.Dispose();
            throw new InvalidDataException($"{source}: the name ends in .gz but the content is not gzip data (it does not start with the gzip signature 1f 8b).");
        }

        if (source.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            stream.Dispose();
            throw new InvalidDataException($"{source}: the name ends in .zip but the content is not a zip archive (it does not start with the zip signature PK).");
        }

        return stream;
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
        var candles = 0L;
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

            // The candle's own rules first (a row from the future says so), then its distance from the row before.
            if ((nowMs is { } now ? candle.Validate(now) : candle.Validate()) is { } problem) throw new CsvFormatException(source, lines.LineNumber, problem);
            if (candles > 0 && candle.OpenTime - previousOpenTime > MaxGapMs)
            {
                throw new CsvFormatException(source, lines.LineNumber,
                    $"open time {Format(candle.OpenTime)} is {(candle.OpenTime - previousOpenTime) / 86_400_000:N0} days after the previous row's " +
                    $"{Format(previousOpenTime)}, more than the {MaxGapMs / 86_400_000} days two rows of one kline file may be apart (a time in the wrong unit?).");
            }
            previousOpenTime = candle.OpenTime;
            candles++;
            yield return candle;
        }

        if (map is null) throw new CsvFormatException(source, lines.LineNumber, "the file holds no rows.");
        if (candles == 0) throw new CsvFormatException(source, lines.LineNumber, "the file holds a header but no candles.");
    }

    /// <summary>Guesses "BTCUSDT" and "1m" from names such as <c>BTCUSDT-1m-2026-02.csv.gz</c> or <c>BTCUSDT-1m-2026-02.zip</c>.</summary>
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
