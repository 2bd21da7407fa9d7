using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Web.Cli;
using CryptoStreamLab.Web.Components.Backtesting;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>
/// Kline zips as data.binance.vision serves them (one CSV inside, of the same name) read as the .csv.gz they were made from,
/// by the backtest verb, the backtest page's upload and Replay; any other zip is refused naming the file.
/// </summary>
public sealed class KlineZipTests : IDisposable
{
    private const string Month = "LTCUSDT-1m-2026-02";

    private readonly string _dir = Directory.CreateTempSubdirectory("kline-zip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shipped(string name) => Path.Combine(RepositoryPaths.WebProject, "SampleData", name);

    /// <summary>A zip as data.binance.vision makes one: the .csv.gz's content as NAME.csv inside NAME.zip.</summary>
    private string ZipOf(string csvGz, string name)
    {
        var zip = Path.Combine(_dir, name + ".zip");
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        using var entry = archive.CreateEntry(name + ".csv", CompressionLevel.Optimal).Open();
        using var csv = new GZipStream(File.OpenRead(csvGz), CompressionMode.Decompress);
        csv.CopyTo(entry);
        return zip;
    }

    private static (int Code, string Out, string Error) Backtest(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = BacktestCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_backtest_of_a_zip_reports_exactly_what_the_csv_gz_it_was_made_from_does()
    {
        var gz = Shipped(Month + ".csv.gz");
        var zip = ZipOf(gz, Month);

        var fromGz = Backtest("--input", gz, "--format", "json");
        var fromZip = Backtest("--input", zip, "--format", "json");

        fromGz.Code.Should().Be(0, fromGz.Error);
        fromZip.Code.Should().Be(0, fromZip.Error);
        var (expected, actual) = (WithoutTiming(fromGz.Out), WithoutTiming(fromZip.Out));
        actual["symbol"]!.GetValue<string>().Should().Be("LTCUSDT", "the symbol and interval come from the zip's name");
        actual["candles"]!.GetValue<int>().Should().Be(40_320);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"the zip's report\n{actual}\nequals the .csv.gz's\n{expected}");
    }

    [Fact]
    public async Task The_upload_and_replay_read_a_zip_as_the_csv_gz()
    {
        var gz = Shipped("LTCUSDT-1m-2026-02-01_02-futures.csv.gz");
        var zip = ZipOf(gz, "LTCUSDT-1m-2026-02-01_02-futures");
        var expected = KlineCsvReader.ReadFile(gz, "LTCUSDT", KlineInterval.OneMinute).ToList();

        await using var upload = File.OpenRead(zip);
        var uploaded = await CandleUpload.ReadAsync(upload, Path.GetFileName(zip), "LTCUSDT", KlineInterval.OneMinute,
            new UploadLimits(16 << 20, 64 << 20, 100_000), CancellationToken.None);
        uploaded.Should().Equal(expected);

        ReplayFile.TryParseName(zip, out var symbol, out var interval).Should().BeTrue("a replay file may be a Binance zip");
        (symbol, interval).Should().Be(("LTCUSDT", KlineInterval.OneMinute));
        var replayed = new List<Candle>();
        await foreach (var candle in new KlineCsvFileReader().ReadAsync(zip, symbol, interval, CancellationToken.None)) replayed.Add(candle);
        replayed.Should().Equal(expected);
    }

    [Fact]
    public async Task An_uploaded_zip_that_inflates_past_the_limit_is_refused_as_a_gzip_one_is()
    {
        var bomb = new MemoryStream();
        using (var archive = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("BOMBUSDT-1m.csv", CompressionLevel.Fastest).Open())
        {
            var newlines = new byte[1 << 20];
            newlines.AsSpan().Fill((byte)'\n');
            for (var i = 0; i < 8; i++) entry.Write(newlines);
        }

        bomb.Position = 0;
        var reading = () => CandleUpload.ReadAsync(bomb, "BOMBUSDT-1m.zip", "BOMBUSDT", KlineInterval.OneMinute,
            new UploadLimits(16 << 20, 4 << 20, 1_000), CancellationToken.None);

        await reading.Should().ThrowAsync<InvalidDataException>().WithMessage("BOMBUSDT-1m.zip: more than 4 MB once decompressed*");
    }

    [Theory]
    [InlineData(0, "it is empty.")]
    [InlineData(2, "it holds 2 entries (a.csv, b.csv).")]
    public void A_zip_without_exactly_one_file_exits_1_naming_it(int entries, string held)
    {
        var zip = Path.Combine(_dir, "LTCUSDT-1m-many.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "a.csv", "b.csv" }.Take(entries))
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write("open_time,open,high,low,close,volume\n"u8);
            }
        }

        var (code, output, error) = Backtest("--input", zip);

        code.Should().Be(1);
        error.Trim().Should().Be($"backtest: {zip}: a kline zip must hold exactly one CSV file, as data.binance.vision's do; {held}");
        output.Should().BeEmpty();
    }

    [Fact]
    public void A_zip_cut_short_or_a_zip_name_over_plain_text_exits_1_naming_the_file()
    {
        var zip = ZipOf(Shipped("LTCUSDT-1m-2026-02-01_02-futures.csv.gz"), "LTCUSDT-1m-2026-02-01_02-futures");
        var cut = Path.Combine(_dir, "LTCUSDT-1m-cut.zip");
        File.WriteAllBytes(cut, File.ReadAllBytes(zip)[..^100]);
        var plain = Path.Combine(_dir, "LTCUSDT-1m-plain.zip");
        File.WriteAllText(plain, "open_time,open,high,low,close,volume\n");

        var truncated = Backtest("--input", cut);
        truncated.Code.Should().Be(1);
        truncated.Error.Should().StartWith($"backtest: {cut}: not a complete zip archive").And.Contain("truncated");

        var notZip = Backtest("--input", plain);
        notZip.Code.Should().Be(1);
        notZip.Error.Trim().Should().Be($"backtest: {plain}: the name ends in .zip but the content is not a zip archive (it does not start with the zip signature PK).");
    }

    [Fact]
    public void A_zip_entry_inflating_past_the_size_its_header_declares_is_refused()
    {
        var zip = Path.Combine(_dir, "LTCUSDT-1m-lying.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("LTCUSDT-1m-lying.csv").Open())
        {
            entry.Write(Encoding.ASCII.GetBytes("open_time,open,high,low,close,volume\n" + new string('\n', 100_000)));
        }

        // The central directory's uncompressed size (offset 24 of its entry) says 1,000 bytes.
        var bytes = File.ReadAllBytes(zip);
        var central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24, 4), 1_000u).Should().BeTrue();
        File.WriteAllBytes(zip, bytes);

        var reading = () => KlineCsvReader.ReadFile(zip, "LTCUSDT", KlineInterval.OneMinute).ToList();

        reading.Should().Throw<InvalidDataException>().Where(e => e.Message.StartsWith(zip + ": ", StringComparison.Ordinal));
    }

    private static JsonNode WithoutTiming(string json)
    {
        var report = JsonNode.Parse(json)!.AsObject();
        report.Remove("candlesPerSecond").Should().BeTrue("the speed of a run is the one field that differs between two runs");
        return report;
    }
}
