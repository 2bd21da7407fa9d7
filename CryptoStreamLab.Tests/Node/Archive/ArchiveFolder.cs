using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using DuckDB.NET.Data;

namespace CryptoStreamLab.Tests.Node.Archive;

/// <summary>A temporary archive dataset for the compaction and retention tests, filled the way the writer fills it.</summary>
public sealed class ArchiveFolder : IDisposable
{
    public static readonly StreamKey Ltc = CsvCandleFeeder.Stream;

    public string Root { get; } = Directory.CreateTempSubdirectory("archive-maintenance-").FullName;

    /// <summary>The sample's 3,000 minutes: 1,440 on 2026-02-01, 1,440 on 2026-02-02 and 120 on 2026-02-03.</summary>
    public static IReadOnlyList<Candle> Sample => CsvCandleFeeder.SampleCandles;

    public static IEnumerable<Candle> SampleDay(int day) => Sample.Skip((day - 1) * 1_440).Take(1_440);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes the candles as one flush would: one new file per stream and day.</summary>
    public async Task WriteAsync(IEnumerable<Candle> candles)
    {
        foreach (var group in candles.GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(Root, group.Key), group.ToList());
    }

    public string Day(string date, StreamKey? key = null) => Path.Combine(ArchiveLayout.StreamFolder(Root, key ?? Ltc), "date=" + date);

    public string Compacted(string date) => Path.Combine(Day(date), $"day-{date}.parquet");

    /// <summary>Every file name in a day folder, hidden ones too, in order.</summary>
    public List<string> Files(string date) =>
        Directory.EnumerateFiles(Day(date)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    public Task<List<Candle>> ReadAsync(string path) => ParquetCandleFile.ReadAsync(path, Ltc);

    /// <summary>The archive stores prices and volumes as DOUBLE (the seed's types): this is what a candle reads back as.</summary>
    public static Candle AsArchived(Candle c) => c with
    {
        Open = (decimal)(double)c.Open, High = (decimal)(double)c.High, Low = (decimal)(double)c.Low, Close = (decimal)(double)c.Close,
        Volume = (decimal)(double)c.Volume, QuoteVolume = (decimal)(double)c.QuoteVolume, IsClosed = true,
    };

    /// <summary>The whole dataset as DuckDB reads it, Hive partitions from the path, in open-time order.</summary>
    public List<(string Symbol, string Interval, string Date, long Timestamp, double Open, double Close, double Volume, long Trades)> DuckDbRows()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var dataset = Path.Combine(Root, "**", "*.parquet").Replace("'", "''");
        command.CommandText = "SELECT symbol, \"interval\", CAST(date AS VARCHAR), timestamp, open, close, volume, trades " +
            $"FROM read_parquet('{dataset}', hive_partitioning = true) ORDER BY symbol, timestamp";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, long, double, double, double, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5),
                reader.GetDouble(6), reader.GetInt64(7)));
        }
        return rows;
    }

    public static (string, string, string, long, double, double, double, long) DuckDbRow(Candle c) =>
        (c.Symbol, c.Interval.ToCode(), DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime).UtcDateTime.ToString("yyyy-MM-dd"), c.OpenTime,
            (double)c.Open, (double)c.Close, (double)c.Volume, c.TradeCount);

    /// <summary>Writes a Parquet file with other columns than the archive's, as another tool could leave in the folder.</summary>
    public static void WriteForeignParquet(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT 1 AS id, 'note' AS text) TO '{path.Replace("'", "''")}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }
}
