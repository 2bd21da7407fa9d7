using CryptoStreamLab.Core.Market;
using Parquet;
using Parquet.Schema;

namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// One Parquet file of one stream's closed candles, in the seed's column names and types: <c>timestamp</c> (open time,
/// epoch ms), prices and volumes as DOUBLE, <c>close_time</c> in ms, <c>quote_volume</c>, <c>trades</c>. Symbol, interval
/// and day are not columns: they are the Hive partition folders the file sits in (see <see cref="ArchiveLayout"/>).
/// </summary>
public static class ParquetCandleFile
{
    public const string Extension = ".parquet";

    /// <summary>Files being written end with this, so a reader globbing <c>*.parquet</c> never sees one half-written.</summary>
    public const string TemporaryExtension = ".tmp";

    private static readonly DataField<long> Timestamp = new("timestamp");
    private static readonly DataField<double> Open = new("open");
    private static readonly DataField<double> High = new("high");
    private static readonly DataField<double> Low = new("low");
    private static readonly DataField<double> Close = new("close");
    private static readonly DataField<double> Volume = new("volume");
    private static readonly DataField<long> CloseTime = new("close_time");
    private static readonly DataField<double> QuoteVolume = new("quote_volume");
    private static readonly DataField<long> Trades = new("trades");

    private static readonly ParquetSchema Schema = new(Timestamp, Open, High, Low, Close, Volume, CloseTime, QuoteVolume, Trades);

    /// <summary>Writes the candles to a new file in <paramref name="folder"/> under a temporary name, then renames it. Returns its path.</summary>
    public static async Task<string> WriteAsync(string folder, IReadOnlyList<Candle> candles, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var name = $"{candles[0].OpenTime}-{Guid.NewGuid():N}{Extension}";
        var path = Path.Combine(folder, name);
        var temporary = ArchiveLayout.Hidden(path, TemporaryExtension);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await WriteColumnsAsync(stream, candles, cancellation).ConfigureAwait(false);
            }
            File.Move(temporary, path);
            return path;
        }
        catch
        {
            Configuration.FileCleanup.TryDeleteFile(temporary);
            throw;
        }
    }

    /// <summary>Writes the candles to exactly <paramref name="path"/> (replacing it) and flushes it to disk; the caller names it so no reader sees it yet.</summary>
    public static async Task WriteFileAsync(string path, IReadOnlyList<Candle> candles, CancellationToken cancellation = default)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await WriteColumnsAsync(stream, candles, cancellation).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads a file's candles back, closed, for the stream its folders name. A file that is not a candle file (not Parquet,
    /// cut short, or another tool's with other columns or empty cells) throws <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static async Task<List<Candle>> ReadAsync(string path, StreamKey key, CancellationToken cancellation = default)
    {
        try
        {
            return await ReadCandlesAsync(path, key, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (InvalidDataException or OperationCanceledException or FileNotFoundException or DirectoryNotFoundException
                                       or UnauthorizedAccessException))
        {
            // Parquet.Net reports a damaged file with several exception types (IOException, ArgumentException, ...).
            throw new InvalidDataException($"{path} is not a readable Parquet file: {e.Message}", e);
        }
    }

    private static async Task<List<Candle>> ReadCandlesAsync(string path, StreamKey key, CancellationToken cancellation)
    {
        var candles = new List<Candle>();
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellation).ConfigureAwait(false);
        var timestamp = Find(reader.Schema, Timestamp, path);
        var closeTime = Find(reader.Schema, CloseTime, path);
        var tradeCount = Find(reader.Schema, Trades, path);
        DataField[] prices = [Find(reader.Schema, Open, path), Find(reader.Schema, High, path), Find(reader.Schema, Low, path),
            Find(reader.Schema, Close, path), Find(reader.Schema, Volume, path), Find(reader.Schema, QuoteVolume, path)];
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var open = await ColumnAsync<long>(group, timestamp, rows, path, cancellation).ConfigureAwait(false);
            var close = await ColumnAsync<long>(group, closeTime, rows, path, cancellation).ConfigureAwait(false);
            var trades = await ColumnAsync<long>(group, tradeCount, rows, path, cancellation).ConfigureAwait(false);
            var values = new double[prices.Length][];
            for (var f = 0; f < prices.Length; f++) values[f] = await ColumnAsync<double>(group, prices[f], rows, path, cancellation).ConfigureAwait(false);
            candles.EnsureCapacity(candles.Count + rows);
            for (var i = 0; i < rows; i++)
            {
                candles.Add(new Candle(key.Symbol, key.Interval, open[i], close[i], ArchivedDecimal.FromDouble(values[0][i]),
                    ArchivedDecimal.FromDouble(values[1][i]), ArchivedDecimal.FromDouble(values[2][i]), ArchivedDecimal.FromDouble(values[3][i]),
                    ArchivedDecimal.FromDouble(values[4][i]), ArchivedDecimal.FromDouble(values[5][i]), trades[i], IsClosed: true));
            }
        }
        return candles;
    }

    // The file's own field of that name (another writer may have made it optional), when its type is the archive's.
    private static DataField Find(ParquetSchema schema, DataField expected, string path)
    {
        var field = schema.DataFields.FirstOrDefault(f => f.Name == expected.Name)
                    ?? throw new InvalidDataException($"{path} is not a candle file: it has no '{expected.Name}' column.");
        if (field.ClrType != expected.ClrType || field.IsArray)
            throw new InvalidDataException($"{path} is not a candle file: column '{expected.Name}' is not {(expected.ClrType == typeof(long) ? "INT64" : "DOUBLE")}.");
        return field;
    }

    private static async Task<T[]> ColumnAsync<T>(ParquetRowGroupReader group, DataField field, int rows, string path, CancellationToken cancellation)
        where T : struct
    {
        var values = new T[rows];
        if (!field.IsNullable)
        {
            await group.ReadAsync<T>(field, values, cancellationToken: cancellation).ConfigureAwait(false);
            return values;
        }
        var cells = new T?[rows];
        await group.ReadAsync<T>(field, cells.AsMemory(), cancellationToken: cancellation).ConfigureAwait(false);
        for (var i = 0; i < rows; i++)
        {
            values[i] = cells[i] ?? throw new InvalidDataException($"{path}: column '{field.Name}' is empty in row {i + 1}.");
        }
        return values;
    }

    /// <summary>Every archived candle of one stream, oldest first.</summary>
    public static async Task<List<Candle>> ReadStreamAsync(string root, StreamKey key, CancellationToken cancellation = default)
    {
        var folder = ArchiveLayout.StreamFolder(root, key);
        var candles = new List<Candle>();
        if (!Directory.Exists(folder)) return candles;
        foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.AllDirectories))
        {
            candles.AddRange(await ReadAsync(file, key, cancellation).ConfigureAwait(false));
        }
        candles.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
        return candles;
    }

    // Dictionary pages cost more time than they save space on prices that rarely repeat exactly within a day (measured
    // in BENCHMARKS.md); Snappy stays, as Spark writes it.
    private static readonly ParquetOptions WriteOptions = new() { DictionaryEncodingThreshold = 0 };

    private static async Task WriteColumnsAsync(Stream stream, IReadOnlyList<Candle> candles, CancellationToken cancellation)
    {
        var rows = candles.Count;
        long[] open = new long[rows], close = new long[rows], trades = new long[rows];
        var values = new double[6][];
        for (var f = 0; f < values.Length; f++) values[f] = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var candle = candles[i];
            open[i] = candle.OpenTime;
            close[i] = candle.CloseTime;
            trades[i] = candle.TradeCount;
            values[0][i] = (double)candle.Open;
            values[1][i] = (double)candle.High;
            values[2][i] = (double)candle.Low;
            values[3][i] = (double)candle.Close;
            values[4][i] = (double)candle.Volume;
            values[5][i] = (double)candle.QuoteVolume;
        }

        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, WriteOptions, cancellationToken: cancellation).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(Timestamp, open, cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Open, values[0], cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(High, values[1], cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Low, values[2], cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Close, values[3], cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Volume, values[4], cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<long>(CloseTime, close, cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(QuoteVolume, values[5], cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<long>(Trades, trades, cancellationToken: cancellation).ConfigureAwait(false);
    }
}
