using System.Text.RegularExpressions;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>
/// <c>export</c> and <c>backtest --archive</c> over a real dataset: the LTCUSDT sample's 3,000 candles (three UTC days)
/// archived as the archive writes them, several files a day.
/// </summary>
public sealed class ArchiveCommandTests : IAsyncLifetime
{
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;
    private const string From = "2026-02-01T06:00:00Z";
    private const string To = "2026-02-02T12:00:00Z";

    private readonly string _dir = Directory.CreateTempSubdirectory("archive-commands-").FullName;
    private StringWriter _out = new();
    private StringWriter _err = new();

    private string Root => Path.Combine(_dir, "archive");

    private string ArchivePath => $"--Archive:Path={Root}";

    private static IEnumerable<Candle> InRange => Sample.Where(c =>
        c.OpenTime >= DateTimeOffset.Parse(From).ToUnixTimeMilliseconds() && c.OpenTime < DateTimeOffset.Parse(To).ToUnixTimeMilliseconds());

    public async Task InitializeAsync()
    {
        // A file per 500 candles, split at UTC days: what periodic flushes leave behind.
        foreach (var chunk in Sample.Chunk(500))
        {
            foreach (var day in chunk.GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
                await ParquetCandleFile.WriteAsync(Path.Combine(Root, day.Key), day.ToList());
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void A_backtest_of_archived_candles_equals_a_backtest_of_their_export_over_the_same_range_byte_for_byte()
    {
        var exported = Path.Combine(_dir, "LTCUSDT-1m-export.csv.gz");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", exported).Should().Be(0, _err.ToString());
        _err.ToString().Should().BeEmpty();
        TakeOutput();
        // Periods and thresholds that trade often on these candles, so the rows hold fills to compare.
        string[] strategy = ["--Strategy:FastPeriod=7", "--Strategy:SlowPeriod=25", "--Strategy:BuyRsiMin=30", "--Strategy:BuyRsiMax=90", "--Strategy:SellRsiMin=20"];

        var fromArchive = Path.Combine(_dir, "archive-run.csv");
        Backtest(["--archive", "--symbol", "LTCUSDT", "--interval", "1m", "--from", From, "--to", To, "--output", fromArchive, .. strategy])
            .Should().Be(0, _err.ToString());
        var archiveSummary = TakeOutput();

        var fromFile = Path.Combine(_dir, "file-run.csv");
        Backtest(["--input", exported, "--from", From, "--to", To, "--output", fromFile, .. strategy]).Should().Be(0, _err.ToString());
        var fileSummary = TakeOutput();

        File.ReadAllBytes(fromArchive).Should().Equal(File.ReadAllBytes(fromFile));
        File.ReadLines(fromArchive).Should().HaveCount(1 + 30 * 60, "a header and one row per candle from 06:00 to 12:00 the next day");
        File.ReadLines(fromArchive).ElementAt(1).Split(',')[7].Should().NotBeEmpty("the archive was read from before --from to warm the slow average");
        WithoutSpeed(archiveSummary).Should().Be(WithoutSpeed(fileSummary));
        archiveSummary.Should().MatchRegex(@"^LTCUSDT 1m: 1800 candles, [1-9]\d+ fills,").And.Contain("Net profit");
        File.ReadLines(fromArchive).Skip(1).Select(l => l.Split(',')[10]).Should().Contain("BUY").And.Contain("SELL");
    }

    [Fact]
    public void A_range_starting_at_the_archives_first_candle_has_nothing_to_warm_on_and_equals_a_plain_run_of_its_export()
    {
        var exported = Path.Combine(_dir, "first-day.csv");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--to", "2026-02-02", "--output", exported).Should().Be(0, _err.ToString());
        var fromArchive = Path.Combine(_dir, "archive-run.csv");
        var fromFile = Path.Combine(_dir, "file-run.csv");

        Backtest("--archive", "--symbol", "LTCUSDT", "--interval", "1m", "--from", "2026-01-01", "--to", "2026-02-02", "--output", fromArchive).Should().Be(0, _err.ToString());
        Backtest("--input", exported, "--output", fromFile).Should().Be(0, _err.ToString());

        File.ReadAllBytes(fromArchive).Should().Equal(File.ReadAllBytes(fromFile));
        File.ReadLines(fromArchive).Should().HaveCount(1 + 1_440);
    }

    [Fact]
    public void A_sweep_and_a_walk_forward_of_archived_candles_equal_those_of_their_export()
    {
        var exported = Path.Combine(_dir, "all.csv");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", exported).Should().Be(0, _err.ToString());
        foreach (string[] mode in new[] { new[] { "--sweep", "fast=5,7;slow=20,30" }, ["--sweep", "fast=5,7;slow=20,30", "--walk-forward", "12h:6h"] })
        {
            var fromArchive = Path.Combine(_dir, "archive.csv");
            var fromFile = Path.Combine(_dir, "file.csv");
            Backtest(["--archive", "--symbol", "LTCUSDT", "--interval", "1m", "--from", From, "--to", To, "--output", fromArchive, .. mode]).Should().Be(0, _err.ToString());
            Backtest(["--input", exported, "--from", From, "--to", To, "--output", fromFile, .. mode]).Should().Be(0, _err.ToString());

            File.ReadAllText(fromArchive).Should().Be(File.ReadAllText(fromFile)).And.NotBeEmpty();
        }
    }

    [Fact]
    public void Export_writes_binance_rows_without_a_header_that_read_back_as_the_archived_candles()
    {
        var plain = Path.Combine(_dir, "plain.csv");
        var gzipped = Path.Combine(_dir, "packed.csv.gz");

        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", plain, ArchivePath).Should().Be(0, _err.ToString());
        _out.ToString().Should().Be($"LTCUSDT 1m: 3000 candles opening from 2026-02-01T00:00:00Z to 2026-02-03T01:59:00Z written to {plain}{Environment.NewLine}");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--from", "2026-02-02", "--output", gzipped).Should().Be(0, _err.ToString());

        var lines = File.ReadAllLines(plain);
        lines.Should().HaveCount(3_000);
        var first = Sample[0];
        lines[0].Should().Be("1769904000000,59.49000000,59.49000000,59.42000000,59.45000000,1554.93200000,1769904059999,92449.80017000,442,0,0,0",
            "12 columns: the archive holds no taker volumes, written as 0 like ignore");
        lines[0].Split(',')[1].Should().Be(first.Open.ToString("0.00000000", System.Globalization.CultureInfo.InvariantCulture));
        File.ReadAllText(plain).Should().NotContain("\r", "Binance's files end lines with \\n");
        KlineCsvReader.ReadFile(plain, "LTCUSDT", KlineInterval.OneMinute).Should().Equal(Sample);

        File.ReadAllBytes(gzipped)[..2].Should().Equal(new byte[] { 0x1f, 0x8b });
        File.ReadAllBytes(plain)[..2].Should().NotEqual(new byte[] { 0x1f, 0x8b });
        KlineCsvReader.ReadFile(gzipped, "LTCUSDT", KlineInterval.OneMinute).Should().Equal(
            Sample.Where(c => c.OpenTime >= DateTimeOffset.Parse("2026-02-02T00:00:00Z").ToUnixTimeMilliseconds()), "--from is inclusive");
        File.Exists(gzipped + ".partial").Should().BeFalse();
    }

    [Fact]
    public void The_range_is_from_inclusive_to_exclusive()
    {
        var output = Path.Combine(_dir, "range.csv");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--from", From, "--to", To, "--output", output).Should().Be(0, _err.ToString());

        KlineCsvReader.ReadFile(output, "LTCUSDT", KlineInterval.OneMinute).Should().Equal(InRange);
        File.ReadLines(output).First().Should().StartWith(DateTimeOffset.Parse(From).ToUnixTimeMilliseconds() + ",");
        File.ReadLines(output).Last().Should().StartWith((DateTimeOffset.Parse(To).ToUnixTimeMilliseconds() - 60_000) + ",");
    }

    [Theory]
    [InlineData("--from", "2026-02-02", "--to", "2026-02-01", "*--from 2026-02-02T00:00:00Z must be before --to 2026-02-01T00:00:00Z (--to is exclusive).")]
    [InlineData("--from", "2026-02-01T12:00:00Z", "--to", "2026-02-01T12:00:00Z", "*must be before --to*")]
    [InlineData("--from", "2026/02/01", "--to", "2026-02-02", "*--from '2026/02/01' is not a date or time; use 2026-02-01 or 2026-02-01T12:00:00Z*")]
    [InlineData("--from", "2025-01-01", "--to", "2025-02-01", "*the archive has no LTCUSDT 1m candles from 2025-01-01T00:00:00Z to 2025-02-01T00:00:00Z.")]
    [InlineData("--from", "2026-02-03T02:00:00Z", "--to", "2027-01-01", "*the archive has no LTCUSDT 1m candles from 2026-02-03T02:00:00Z to 2027-01-01T00:00:00Z.")]
    public void A_range_that_holds_no_candles_exits_2_with_the_reason_for_both_verbs(string o1, string v1, string o2, string v2, string message)
    {
        var output = Path.Combine(_dir, "out.csv");

        Export("--symbol", "LTCUSDT", "--interval", "1m", o1, v1, o2, v2, "--output", output).Should().Be(2);
        _err.ToString().Trim().Should().Match("export: " + message);
        TakeOutput();
        Backtest("--archive", "--symbol", "LTCUSDT", "--interval", "1m", o1, v1, o2, v2, "--output", output).Should().Be(2);
        _err.ToString().Trim().Should().Match("backtest: " + message);

        File.Exists(output).Should().BeFalse();
        File.Exists(output + ".partial").Should().BeFalse();
    }

    [Fact]
    public void A_stream_the_archive_lacks_exits_2_listing_the_streams_it_has()
    {
        var output = Path.Combine(_dir, "out.csv");

        Export("--symbol", "BTCUSDT", "--interval", "1m", "--output", output).Should().Be(2);
        _err.ToString().Trim().Should().Be($"export: the archive at {Root} has no BTCUSDT 1m stream; it has LTCUSDT 1m.");
        TakeOutput();
        Backtest("--archive", "--symbol", "LTCUSDT", "--interval", "5m", "--output", output).Should().Be(2);
        _err.ToString().Trim().Should().Be($"backtest: the archive at {Root} has no LTCUSDT 5m stream; it has LTCUSDT 1m.");
        TakeOutput();
        var missing = Path.Combine(_dir, "nothing-here");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", output, $"--Archive:Path={missing}").Should().Be(2);
        _err.ToString().Trim().Should().Be($"export: the archive at {missing} has no LTCUSDT 1m stream; it holds no streams.");
        File.Exists(output).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "--interval", "1m", "--output", "x.csv" }, "export: --symbol is required.*")]
    [InlineData(new[] { "--symbol", "LTCUSDT", "--output", "x.csv" }, "export: --interval is required.*")]
    [InlineData(new[] { "--symbol", "LTCUSDT", "--interval", "1m" }, "export: --output is required.*")]
    [InlineData(new[] { "--symbol", "LTCUSDT", "--interval", "7x", "--output", "x.csv" }, "export: --interval '7x' is not a Binance interval*")]
    [InlineData(new[] { "--symbol", "LTCUSDT", "--interval", "1m", "--output", "x.csv", "--input", "a.csv" }, "export: Unknown option '--input'*")]
    [InlineData(new[] { "--symbol", "LTCUSDT", "--interval", "1m", "--output", "x.csv", "--Archive:Path=" }, "export: Archive:Path must name a folder.")]
    public void Bad_export_arguments_exit_2_with_the_reason(string[] args, string message)
    {
        Export(args).Should().Be(2);
        _err.ToString().Trim().Should().Match(message);
    }

    [Theory]
    [InlineData(new[] { "--archive", "--interval", "1m", "--output", "x.csv" }, "backtest: --symbol is required.*")]
    [InlineData(new[] { "--archive", "--symbol", "LTCUSDT", "--output", "x.csv" }, "backtest: --interval is required.*")]
    [InlineData(new[] { "--archive", "--input", "a.csv", "--symbol", "LTCUSDT", "--interval", "1m", "--output", "x.csv" },
        "backtest: --input and --archive are two sources of candles; give one.*")]
    [InlineData(new[] { "--archive=yes", "--symbol", "LTCUSDT", "--interval", "1m", "--output", "x.csv" }, "backtest: Option '--archive' takes no value.*")]
    public void Bad_archive_backtest_arguments_exit_2_with_the_reason(string[] args, string message)
    {
        Backtest(args).Should().Be(2);
        _err.ToString().Trim().Should().Match(message);
    }

    [Fact]
    public async Task A_damaged_file_is_a_warning_naming_it_and_the_other_candles_are_used()
    {
        var day = Path.Combine(Root, ArchiveLayout.PartitionOf(Ltc.Symbol, Ltc.Interval, Sample[0].OpenTime));
        var damaged = Path.Combine(day, "damaged.parquet");
        await File.WriteAllTextAsync(damaged, "not a parquet file");
        var output = Path.Combine(_dir, "out.csv");

        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", output).Should().Be(0, _err.ToString());
        _err.ToString().Should().StartWith($"export: warning: skipped {damaged}: ").And.Contain("not a readable Parquet file");
        File.ReadLines(output).Should().HaveCount(Sample.Count);
        TakeOutput();

        var run = Path.Combine(_dir, "run.csv");
        Backtest("--archive", "--symbol", "LTCUSDT", "--interval", "1m", "--output", run).Should().Be(0, _err.ToString());
        _err.ToString().Should().StartWith($"backtest: warning: skipped {damaged}: ");
        _out.ToString().Should().StartWith($"LTCUSDT 1m: {Sample.Count} candles");
    }

    [Fact]
    public void A_failed_write_exits_1_and_leaves_neither_a_partial_file_nor_a_changed_output()
    {
        var output = Path.Combine(_dir, "blocked.csv");
        File.WriteAllText(output, "the previous result");
        Directory.CreateDirectory(output + ".partial"); // The unfinished file cannot be created: the write fails.

        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", output).Should().Be(1);

        _err.ToString().Should().StartWith($"export: {output} could not be written: ");
        File.ReadAllText(output).Should().Be("the previous result");
        Directory.GetFiles(_dir, "blocked.csv*").Should().Equal(output);
    }

    [Fact]
    public void An_output_that_is_a_folder_or_in_a_missing_folder_exits_2_before_reading()
    {
        var folder = Path.Combine(_dir, "a-folder.csv");
        Directory.CreateDirectory(folder);

        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", folder).Should().Be(2);
        _err.ToString().Should().StartWith($"export: --output {folder} is a folder");
        Directory.Exists(folder).Should().BeTrue();
        File.Exists(folder + ".partial").Should().BeFalse();
        TakeOutput();

        var missing = Path.Combine(_dir, "no-such-folder", "x.csv");
        Export("--symbol", "LTCUSDT", "--interval", "1m", "--output", missing).Should().Be(2);
        _err.ToString().Should().StartWith($"export: --output {missing}: the folder {Path.Combine(_dir, "no-such-folder")} does not exist");
        Directory.Exists(Path.Combine(_dir, "no-such-folder")).Should().BeFalse();
    }

    private int Export(params string[] args) => ExportCommand.Run(WithArchive(args), _out, _err);

    private int Backtest(params string[] args) => BacktestCommand.Run(WithArchive(args), _out, _err);

    // Every run reads this test's archive unless it names another.
    private string[] WithArchive(string[] args) => args.Any(a => a.StartsWith("--Archive:Path", StringComparison.Ordinal)) ? args : [.. args, ArchivePath];

    /// <summary>What the last command printed; the writers start empty for the next.</summary>
    private string TakeOutput()
    {
        var printed = _out.ToString();
        (_out, _err) = (new StringWriter(), new StringWriter());
        return printed;
    }

    private static string WithoutSpeed(string summary) => Regex.Replace(summary, @", \d+ candles/s", "");
}
