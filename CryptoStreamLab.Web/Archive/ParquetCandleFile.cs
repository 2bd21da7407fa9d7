using System.Globalization;
using CryptoStreamLab.Core.Market;
using Parquet;
using Parquet.Schema;

namespace CryptoStreamLab.Web.Archive;

/// <summary>
/// One Parquet file of one stream's closed candles, in the seed's column names and types: <c>timestamp</c> (open time,
/// epoch ms), prices and volumes as DOUBLE, <c>close_time</c> in ms, <c>quote_volume</c>, <c>trades</c>. Symbol, interval
/// and day are not columns: they are the Hive partition folders the file sits in.
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

    /// <summary>The partition folder of a candle: <c>symbol=BTCUSDT/interval=1m/date=2026-12-01</c> (UTC day of its open time).</summary>
    public static string PartitionOf(string symbol, KlineInterval interval, long openTime) =>
        Path.Combine($"symbol={symbol}", $"interval={interval.ToCode()}",
            "date=" + DateTimeOffset.FromUnixTimeMilliseconds(openTime).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The folder holding every day of one stream.</summary>
    public static string StreamFolder(string root, StreamKey key) =>
        Path.Combine(root, $"symbol={key.Symbol}", $"interval={key.Interval.ToCode()}");

    /// <summary>Writes the candles to a new file in <paramref name="folder"/> under a temporary name, then renames it. Returns its path.</summary>
    public static async Task<string> WriteAsync(string folder, IReadOnlyList<Candle> candles, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var name = $"{candles[0].OpenTime}-{Guid.NewGuid():N}{Extension}";
        var path = Path.Combine(folder, name);
        var temporary = Path.Combine(folder, "." + name + TemporaryExtension);
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
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Reads a file's candles back, closed, for the stream its folders name.</summary>
    public static async Task<List<Candle>> ReadAsync(string path, StreamKey key, CancellationToken cancellation = default)
    {
        var candles = new List<Candle>();
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellation).ConfigureAwait(false);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var open = new long[rows];
            var close = new long[rows];
            var trades = new long[rows];
            var values = new double[6][];
            await group.ReadAsync<long>(Timestamp, open, cancellationToken: cancellation).ConfigureAwait(false);
            await group.ReadAsync<long>(CloseTime, close, cancellationToken: cancellation).ConfigureAwait(false);
            await group.ReadAsync<long>(Trades, trades, cancellationToken: cancellation).ConfigureAwait(false);
            DataField<double>[] fields = [Open, High, Low, Close, Volume, QuoteVolume];
            for (var f = 0; f < fields.Length; f++)
            {
                values[f] = new double[rows];
                await group.ReadAsync<double>(fields[f], values[f], cancellationToken: cancellation).ConfigureAwait(false);
            }
            for (var i = 0; i < rows; i++)
            {
                candles.Add(new Candle(key.Symbol, key.Interval, open[i], close[i], (decimal)values[0][i], (decimal)values[1][i],
                    (decimal)values[2][i], (decimal)values[3][i], (decimal)values[4][i], (decimal)values[5][i], trades[i], IsClosed: true));
            }
        }
        return candles;
    }

    /// <summary>Every archived candle of one stream, oldest first.</summary>
    public static async Task<List<Candle>> ReadStreamAsync(string root, StreamKey key, CancellationToken cancellation = default)
    {
        var folder = StreamFolder(root, key);
        var candles = new List<Candle>();
        if (!Directory.Exists(folder)) return candles;
        foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.AllDirectories))
        {
            candles.AddRange(await ReadAsync(file, key, cancellation).ConfigureAwait(false));
        }
        candles.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
        return candles;
    }

    private static async Task WriteColumnsAsync(Stream stream, IReadOnlyList<Candle> candles, CancellationToken cancellation)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellation).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(Timestamp, Column(candles, c => c.OpenTime), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Open, Column(candles, c => (double)c.Open), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(High, Column(candles, c => (double)c.High), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Low, Column(candles, c => (double)c.Low), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Close, Column(candles, c => (double)c.Close), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(Volume, Column(candles, c => (double)c.Volume), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<long>(CloseTime, Column(candles, c => c.CloseTime), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(QuoteVolume, Column(candles, c => (double)c.QuoteVolume), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<long>(Trades, Column(candles, c => c.TradeCount), cancellationToken: cancellation).ConfigureAwait(false);
    }

    private static T[] Column<T>(IReadOnlyList<Candle> candles, Func<Candle, T> value)
    {
        var column = new T[candles.Count];
        for (var i = 0; i < column.Length; i++) column[i] = value(candles[i]);
        return column;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was created, or the folder is gone: nothing to clean up.
        }
    }
}
