using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Node.Archive;

public sealed class CandleArchiveReaderTests : IDisposable
{
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;
    private readonly string _root = Directory.CreateTempSubdirectory("archive-reader-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("27134.56")]
    [InlineData("0.00000001")]
    [InlineData("12345678.12345678")]
    [InlineData("87123456.87654321")]
    [InlineData("1234.5")]
    [InlineData("0")]
    public void Binance_values_read_back_digit_for_digit(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        ArchivedDecimal.FromDouble((double)value).Should().Be(value);
        ArchivedDecimal.FromDouble(-(double)value).Should().Be(-value);
    }

    [Fact]
    public void A_value_with_more_than_eight_decimals_reads_back_as_the_closest_decimal()
    {
        ArchivedDecimal.FromDouble(0.123456789012).Should().Be((decimal)0.123456789012);
        ArchivedDecimal.FromDouble(1e20).Should().Be((decimal)1e20);
    }

    [Fact]
    public async Task Every_value_of_the_sample_reads_back_exactly()
    {
        await WriteDays(Sample);

        var back = await Reader().ReadAsync(Ltc, long.MinValue, long.MaxValue);

        back.Should().Equal(Sample.Select(c => c with { IsClosed = true }), "prices and volumes return digit for digit");
    }

    [Fact]
    public async Task A_range_reads_only_its_candles_across_day_folders()
    {
        await WriteDays(Sample);
        var from = Sample[1_000].OpenTime;
        var to = Sample[2_500].OpenTime;

        var range = await Reader().ReadAsync(Ltc, from, to);

        range.Should().Equal(Sample.Skip(1_000).Take(1_500));
        (await Reader().ReadAsync(Ltc, to, to)).Should().BeEmpty();
        (await Reader().ReadAsync(new StreamKey("ETHUSDT", KlineInterval.OneMinute), from, to)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_newest_candles_are_found_from_the_newest_day_back()
    {
        await WriteDays(Sample);

        (await Reader().ReadNewestAsync(Ltc, 1_000)).Should().Equal(Sample.Skip(2_000));
        (await Reader().ReadNewestAsync(Ltc, 2_000)).Should().Equal(Sample.Skip(1_000), "more than the newest day holds");
        (await Reader().ReadNewestAsync(Ltc, 100, before: Sample[500].OpenTime)).Should().Equal(Sample.Skip(400).Take(100));
        (await Reader().ReadNewestAsync(Ltc, 10_000)).Should().HaveCount(Sample.Count);
        (await Reader().ReadNewestAsync(Ltc, 10, before: Sample[0].OpenTime)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_candle_held_by_two_files_is_read_once()
    {
        await WriteDays(Sample.Take(100).ToList());
        await WriteDays(Sample.Skip(50).Take(100).ToList());

        (await Reader().ReadAsync(Ltc, long.MinValue, long.MaxValue)).Should().Equal(Sample.Take(150));
        (await Reader().ReadNewestAsync(Ltc, 120)).Should().Equal(Sample.Skip(30).Take(120));
    }

    [Fact]
    public async Task A_damaged_or_foreign_file_is_reported_by_name_and_skipped()
    {
        await WriteDays(Sample.Take(1_000).ToList());
        var day = Path.Combine(_root, ArchiveLayout.PartitionOf(Ltc.Symbol, Ltc.Interval, Sample[0].OpenTime));
        var garbage = Path.Combine(day, "garbage.parquet");
        await File.WriteAllTextAsync(garbage, "not a parquet file at all");
        var cut = Path.Combine(day, "cut.parquet");
        var whole = await File.ReadAllBytesAsync(Directory.GetFiles(day, "*.parquet").First(f => f != garbage));
        await File.WriteAllBytesAsync(cut, whole[..(whole.Length / 2)]);
        var foreign = Path.Combine(day, "foreign.parquet");
        Duck($"COPY (SELECT 1::BIGINT AS timestamp, 'x' AS open, 1.0::DOUBLE AS high, 1.0::DOUBLE AS low, 1.0::DOUBLE AS close, " +
             $"1.0::DOUBLE AS volume, 1::BIGINT AS close_time, 1.0::DOUBLE AS quote_volume, 1::BIGINT AS trades) TO '{foreign}' (FORMAT parquet)");

        var reader = Reader();
        var back = await reader.ReadAsync(Ltc, long.MinValue, long.MaxValue);

        back.Should().Equal(Sample.Take(1_000));
        reader.Problems.Select(p => p.File).Should().BeEquivalentTo([garbage, cut, foreign]);
        reader.Problems.Single(p => p.File == foreign).Reason.Should().Contain("column 'open' is not DOUBLE").And.Contain("not a candle file");
        reader.Problems.Single(p => p.File == garbage).Reason.Should().Contain(garbage);
    }

    [Fact]
    public async Task A_file_another_tool_wrote_with_the_same_columns_is_read()
    {
        // DuckDB writes every column as optional (nullable): the same data must still read as candles.
        var day = Path.Combine(_root, ArchiveLayout.PartitionOf(Ltc.Symbol, Ltc.Interval, Sample[0].OpenTime));
        Directory.CreateDirectory(day);
        var rows = string.Join(", ", Sample.Take(3).Select(c => FormattableString.Invariant(
            $"({c.OpenTime}::BIGINT, {c.Open}::DOUBLE, {c.High}::DOUBLE, {c.Low}::DOUBLE, {c.Close}::DOUBLE, {c.Volume}::DOUBLE, {c.CloseTime}::BIGINT, {c.QuoteVolume}::DOUBLE, {c.TradeCount}::BIGINT)")));
        Duck($"COPY (SELECT * FROM (VALUES {rows}) t(timestamp, open, high, low, close, volume, close_time, quote_volume, trades)) " +
             $"TO '{Path.Combine(day, "duckdb.parquet")}' (FORMAT parquet)");
        Duck($"COPY (SELECT NULL::BIGINT AS timestamp, 1.0::DOUBLE AS open, 1.0::DOUBLE AS high, 1.0::DOUBLE AS low, 1.0::DOUBLE AS close, " +
             $"1.0::DOUBLE AS volume, 1::BIGINT AS close_time, 1.0::DOUBLE AS quote_volume, 1::BIGINT AS trades) TO '{Path.Combine(day, "holes.parquet")}' (FORMAT parquet)");

        var reader = Reader();
        (await reader.ReadAsync(Ltc, long.MinValue, long.MaxValue)).Should().Equal(Sample.Take(3).Select(c => c with { IsClosed = true }));
        reader.Problems.Should().ContainSingle().Which.Reason.Should().Contain("'timestamp' is empty in row 1");
    }

    [Fact]
    public async Task The_streams_are_listed_from_the_folders()
    {
        await WriteDays(Sample.Take(10).ToList());
        await WriteDays(Sample.Take(10).Select(c => c with { Symbol = "ETHUSDT", Interval = KlineInterval.OneHour }).ToList());
        Directory.CreateDirectory(Path.Combine(_root, "symbol=not a symbol", "interval=1m"));
        Directory.CreateDirectory(Path.Combine(_root, "symbol=BTCUSDT", "interval=7x"));

        Reader().Streams().Should().Equal(new StreamKey("ETHUSDT", KlineInterval.OneHour), Ltc);
        new CandleArchiveReader(Path.Combine(_root, "missing"), NullLogger.Instance).Streams().Should().BeEmpty();
    }

    private CandleArchiveReader Reader() => new(_root, NullLogger.Instance);

    private async Task WriteDays(IReadOnlyList<Candle> candles)
    {
        foreach (var day in candles.GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(_root, day.Key), day.ToList());
    }

    private static void Duck(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
