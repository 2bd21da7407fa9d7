using System.IO.Compression;
using System.Text;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

public sealed class KlineCsvReaderTests : IDisposable
{
    private const string BinanceRow1 = "1769904000000,59.49,59.49,59.42,59.45,1554.932,1769904059999,92449.80017,442,832.674,49507.33217,0";
    private const string BinanceRow2 = "1769904060000,59.44,59.44,59.37,59.40,1816.498,1769904119999,107890.45000,443,500.440,29729.15566,0";

    private static List<Candle> Read(string text) =>
        KlineCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "test.csv", "LTCUSDT", KlineInterval.OneMinute).ToList();

    [Fact]
    public void Reads_binance_klines_with_a_header()
    {
        var candles = Read("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n" +
                           BinanceRow1 + "\n" + BinanceRow2 + "\n");

        candles.Should().HaveCount(2);
        candles[0].Should().Be(new Candle("LTCUSDT", KlineInterval.OneMinute, 1769904000000, 1769904059999, 59.49m, 59.49m, 59.42m,
            59.45m, 1554.932m, 92449.80017m, 442, true));
    }

    [Fact]
    public void Reads_headerless_spot_klines_with_microsecond_times()
    {
        var candles = Read("1769904000000000,59.49,59.49,59.42,59.45,1554.932,1769904059999999,92449.80017,442,832.674,49507.33217,0\r\n");
        candles.Single().OpenTime.Should().Be(1769904000000);
        candles.Single().CloseTime.Should().Be(1769904059999);
    }

    [Fact]
    public void Reads_generic_ohlcv_with_iso_times_and_derives_the_close_time()
    {
        var candles = Read("open_time,open,high,low,close,volume\n2023-03-01 00:00:00+00:00,23140.48,23150.77,23128.52,23142.31,2.131777\n" +
                           "2023-03-01T00:01:00Z,23143.89,23148.8,23137.61,23137.77,0.881378\n");
        candles.Should().HaveCount(2);
        candles[0].OpenTime.Should().Be(DateTimeOffset.Parse("2023-03-01T00:00:00Z").ToUnixTimeMilliseconds());
        candles[0].CloseTime.Should().Be(candles[0].OpenTime + 59_999);
        candles[1].Close.Should().Be(23137.77m);
    }

    [Fact]
    public void Reads_generic_ohlcv_with_epoch_milliseconds_and_columns_in_any_order()
    {
        var candles = Read("close,open_time,volume,open,low,high\n11,1699999980000,5,10,9,12\n");
        candles.Single().Should().Match<Candle>(c => c.Open == 10 && c.High == 12 && c.Low == 9 && c.Close == 11 && c.Volume == 5);
    }

    [Fact]
    public void Reads_gzip_files_and_the_shipped_real_data()
    {
        var path = Path.Combine(Path.GetTempPath(), $"klines-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                gz.Write(Encoding.UTF8.GetBytes(BinanceRow1 + "\n" + BinanceRow2 + "\n"));
            KlineCsvReader.ReadFile(path, "LTCUSDT", KlineInterval.OneMinute).Should().HaveCount(2);
        }
        finally
        {
            File.Delete(path);
        }

        TestCandles.Avax().Should().HaveCount(10_000).And.OnlyContain(c => c.IsClosed);
        KlineCsvReader.ReadFile(TestCandles.PathOf(TestCandles.BtcGenericFile), "BTCUSDT", KlineInterval.OneMinute).Should().HaveCount(3_000);
    }

    [Theory]
    [InlineData("1769904000000,NaN,59.49,59.42,59.45,1,1769904059999,1,1,0,0,0", "test.csv:1: column open: 'NaN' is not a finite decimal number.")]
    [InlineData("1769904000000,59.49,59.49,59.42,abc,1,1769904059999,1,1,0,0,0", "test.csv:1: column close: 'abc'*")]
    [InlineData("1769904000000,0,59.49,59.42,59.45,1,1769904059999,1,1,0,0,0", "test.csv:1: prices must be positive*")]
    [InlineData("1769904000000,-1,59.49,59.42,59.45,1,1769904059999,1,1,0,0,0", "test.csv:1: prices must be positive*")]
    [InlineData("1769904000000,59.45,59.40,59.50,59.45,1,1769904059999,1,1,0,0,0", "test.csv:1: high 59.40 is below low 59.50")]
    [InlineData("1769904000000,59.45,59.40,59.42", "test.csv:1: a headerless file must be in data.binance.vision's 12-column*")]
    [InlineData("yesterday,59.49,59.49,59.42,59.45,1,1769904059999,1,1,0,0,0", "test.csv:1: the header has no 'open_time' column*")]
    [InlineData("open_time,open,high,low,close,volume\nsoon,1,1,1,1,1", "test.csv:2: column open_time: 'soon' is neither*")]
    [InlineData("open_time,open,high,low,close,volume\n1699999980000,1,1,1", "test.csv:2: expected 6 columns but found 4.")]
    [InlineData("open_time,open,high,low,close\n1699999980000,1,1,1,1", "test.csv:1: the header has no 'volume' column*")]
    [InlineData("", "test.csv:0: the file holds no rows.")]
    [InlineData("open_time,open,high,low,close,volume\n", "test.csv:1: the file holds a header but no candles.")]
    public void Bad_rows_are_reported_with_file_and_line(string text, string message) =>
        FluentActions.Invoking(() => Read(text)).Should().Throw<CsvFormatException>().WithMessage(message);

    [Fact]
    public void Time_going_backwards_or_repeating_is_reported_with_its_line()
    {
        FluentActions.Invoking(() => Read(BinanceRow2 + "\n" + BinanceRow1)).Should().Throw<CsvFormatException>()
            .Where(e => e.Line == 2 && e.File == "test.csv").WithMessage("*is not after the previous row's*");
        FluentActions.Invoking(() => Read(BinanceRow1 + "\n\n" + BinanceRow1)).Should().Throw<CsvFormatException>()
            .Where(e => e.Line == 3);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        FluentActions.Invoking(() => KlineCsvReader.ReadFile("/no/such/file.csv", "BTCUSDT", KlineInterval.OneMinute).ToList())
            .Should().Throw<FileNotFoundException>().WithMessage("/no/such/file.csv*");
    }

    [Theory]
    [InlineData("BTCUSDT-1m-2026-02.csv.gz", "BTCUSDT", KlineInterval.OneMinute)]
    [InlineData("/data/ETHBTC-4h-2024-01.csv", "ETHBTC", KlineInterval.FourHours)]
    [InlineData("prices.csv", null, null)]
    public void Infers_symbol_and_interval_from_binance_file_names(string path, string? symbol, KlineInterval? interval) =>
        KlineCsvReader.InferStream(path).Should().Be((symbol, interval));

    [Fact]
    public void A_damaged_gzip_file_fails_after_the_rows_before_the_damage_and_a_reader_stopped_early_lets_go()
    {
        var month = File.ReadAllBytes(TestCandles.PathOf(TestCandles.NearMonthFile));
        var damaged = month.ToArray();
        for (var i = damaged.Length / 2; i < damaged.Length / 2 + 64; i++) damaged[i] ^= 0x5A;

        var read = 0;
        var reading = () =>
        {
            using var stream = KlineCsvReader.OpenStream(new MemoryStream(damaged));
            foreach (var _ in KlineCsvReader.Read(stream, "damaged.csv.gz", "NEARUSDT", KlineInterval.OneMinute)) read++;
        };
        // zlib refuses the damaged block, or inflates it into bytes that are no kline row: either way an error, never a hang.
        reading.Should().Throw<Exception>().Which.Should().Match<Exception>(e => e is InvalidDataException || e is CsvFormatException);
        read.Should().BeGreaterThan(1_000, "the rows before the damage were read");

        // Stopped after one candle: disposing ends the read-ahead (no hang, the file is released).
        var path = Path.Combine(Path.GetTempPath(), $"month-{Guid.NewGuid():N}.csv.gz");
        File.WriteAllBytes(path, month);
        KlineCsvReader.ReadFile(path, "NEARUSDT", KlineInterval.OneMinute).First().OpenTime.Should().Be(1769904000000);
        File.Delete(path);
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Rows_more_than_a_year_apart_are_refused_with_the_second_ones_line()
    {
        var read = () => Read("open_time,open,high,low,close,volume\n1699999980000,1,1,1,1,1\n1700000040000,1,1,1,1,1\n3909000000000,1,1,1,1,1\n");

        read.Should().Throw<CsvFormatException>().Where(e => e.Line == 4)
            .WithMessage("test.csv:4: open time 2093-*is 25,567 days after the previous row's 2023-11-14T22:14:00.0000000+00:00*");
        Read("open_time,open,high,low,close,volume\n1699999980000,1,1,1,1,1\n1731534960000,1,1,1,1,1\n").Should().HaveCount(2, "a gap of a year passes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    public void A_gzip_file_cut_short_is_an_error_naming_the_file_not_a_shorter_file(int cut)
    {
        var month = File.ReadAllBytes(TestCandles.PathOf(TestCandles.NearMonthFile));
        var path = TempFile("NEARUSDT-1m-cut.csv.gz", month[..^cut]);

        var read = () => KlineCsvReader.ReadFile(path, "NEARUSDT", KlineInterval.OneMinute).Count();

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: the gzip data does not end with its trailer*truncated*");
    }

    [Fact]
    public void A_gzip_file_whose_checksum_does_not_match_is_an_error_naming_the_file()
    {
        var month = File.ReadAllBytes(TestCandles.PathOf(TestCandles.NearMonthFile));
        month[^6] ^= 0xFF;
        var path = TempFile("NEARUSDT-1m-crc.csv.gz", month);

        var read = () => KlineCsvReader.ReadFile(path, "NEARUSDT", KlineInterval.OneMinute).Count();

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: the gzip data is damaged*");
    }

    [Fact]
    public void A_gzip_file_of_several_members_is_refused_saying_so_and_one_member_reads_whole()
    {
        var first = Gzip(BinanceRow1 + "\n");
        var second = Gzip(BinanceRow2 + "\n");
        var joined = TempFile("LTCUSDT-1m-joined.csv.gz", [.. first, .. second]);
        var single = TempFile("LTCUSDT-1m-single.csv.gz", Gzip(BinanceRow1 + "\n" + BinanceRow2 + "\n"));

        var read = () => KlineCsvReader.ReadFile(joined, "LTCUSDT", KlineInterval.OneMinute).Count();

        read.Should().Throw<InvalidDataException>().WithMessage($"{joined}:*joins several gzip members*compress it again as one*");
        KlineCsvReader.ReadFile(single, "LTCUSDT", KlineInterval.OneMinute).Should().HaveCount(2);
    }

    [Fact]
    public void A_file_named_gz_that_is_not_gzip_says_so()
    {
        var path = TempFile("LTCUSDT-1m-plain.csv.gz", Encoding.UTF8.GetBytes(BinanceRow1 + "\n"));

        var read = () => KlineCsvReader.ReadFile(path, "LTCUSDT", KlineInterval.OneMinute).Count();

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: the name ends in .gz but the content is not gzip data*");
    }

    [Fact]
    public void A_folder_is_named_as_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("klines-").FullName;
        try
        {
            var read = () => KlineCsvReader.ReadFile(folder, "LTCUSDT", KlineInterval.OneMinute).Count();
            read.Should().Throw<FileNotFoundException>().WithMessage($"{folder}: is a folder, not a kline file.");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static byte[] Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private readonly List<string> _files = [];

    private string TempFile(string name, byte[] content)
    {
        var folder = Directory.CreateTempSubdirectory("klines-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        _files.Add(folder);
        return path;
    }

    public void Dispose()
    {
        foreach (var folder in _files) Directory.Delete(folder, recursive: true);
    }
}
