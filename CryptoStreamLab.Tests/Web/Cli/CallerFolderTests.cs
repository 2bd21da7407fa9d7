using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>
/// A verb run in this process with a caller's folder that is not the current one (as under <c>dotnet run</c>, whose
/// current folder is the project's): every relative path on its command line is taken from the caller's folder.
/// </summary>
public sealed class CallerFolderTests : IDisposable
{
    private readonly string _caller = Directory.CreateTempSubdirectory("caller-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public CallerFolderTests() => Directory.GetCurrentDirectory().Should().NotBe(_caller);

    public void Dispose() => Directory.Delete(_caller, recursive: true);

    private int? Run(params string[] args) => CommandLine.Run(args, new VerbContext(_out, _err, _caller));

    [Fact]
    public void A_relative_input_and_output_are_taken_from_the_callers_folder()
    {
        Directory.CreateDirectory(Path.Combine(_caller, "data"));
        File.Copy(TestCandles.PathOf(TestCandles.AvaxFile), Path.Combine(_caller, "data", TestCandles.AvaxFile));

        Run("backtest", "--input", Path.Combine("data", TestCandles.AvaxFile), "--output", "rows.csv").Should().Be(0, _err.ToString());

        File.ReadLines(Path.Combine(_caller, "rows.csv")).Should().HaveCount(10_001);
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "rows.csv")).Should().BeFalse("the app's own folder is not where the command was typed");
        _out.ToString().Should().StartWith("AVAXUSDT 1m: 10000 candles");
        _err.ToString().Should().BeEmpty();
    }

    [Fact]
    public void A_missing_relative_input_is_named_by_where_it_was_looked_for()
    {
        Run("backtest", "--input", "none.csv").Should().Be(1);

        _err.ToString().Trim().Should().Be($"backtest: {Path.Combine(_caller, "none.csv")}: no such file.");
    }

    [Fact]
    public async Task Export_takes_a_relative_output_and_archive_path_from_the_callers_folder()
    {
        var candles = CsvCandleFeeder.SampleCandles.Take(100).ToList();
        var partition = ArchiveLayout.PartitionOf("LTCUSDT", candles[0].Interval, candles[0].OpenTime);
        await ParquetCandleFile.WriteAsync(Path.Combine(_caller, "my-archive", partition), candles);

        Run("export", "--symbol", "LTCUSDT", "--interval", "1m", "--output", "ltc.csv.gz", "--Archive:Path=my-archive").Should().Be(0, _err.ToString());

        var output = Path.Combine(_caller, "ltc.csv.gz");
        _out.ToString().Trim().Should().EndWith($"written to {output}");
        KlineCsvReader.ReadFile(output, "LTCUSDT", KlineInterval.OneMinute).Should().Equal(candles);
    }

    [Fact]
    public void Without_output_nothing_is_written_and_standard_output_is_the_json_alone()
    {
        File.Copy(TestCandles.PathOf(TestCandles.AvaxFile), Path.Combine(_caller, TestCandles.AvaxFile));

        Run("backtest", "--input", TestCandles.AvaxFile, "--format", "json").Should().Be(0, _err.ToString());

        using var report = JsonDocument.Parse(_out.ToString());
        report.RootElement.GetProperty("candles").GetInt32().Should().Be(10_000);
        Directory.GetFiles(_caller).Should().Equal(Path.Combine(_caller, TestCandles.AvaxFile));
        _err.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Configuration_paths_from_the_command_line_are_rebased_and_others_are_left_alone()
    {
        CommandConfiguration.Rebase(["--Archive:Path=a", "--storage:path=s", "--Archive:Path=/abs", "--Archive:Path=", "--Trading:FeeRate=0"], "/caller")
            .Should().Equal("--Archive:Path=/caller/a", "--storage:path=/caller/s", "--Archive:Path=/abs", "--Archive:Path=", "--Trading:FeeRate=0");
    }
}
