using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Web.Hosting;

/// <summary>The real app as a child process, started in its project folder: the <c>export</c> verb's dispatch and archive path.</summary>
public sealed class ExportProcessTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("export-process-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_export_verb_reads_an_archive_path_relative_to_the_directory_it_runs_in_and_exits_0()
    {
        var root = Path.Combine(_dir, "archive");
        var candles = CsvCandleFeeder.SampleCandles.Take(100).ToList();
        await ParquetCandleFile.WriteAsync(Path.Combine(root, ArchiveLayout.PartitionOf("LTCUSDT", candles[0].Interval, candles[0].OpenTime)), candles);
        var output = Path.Combine(_dir, "LTCUSDT-1m.csv.gz");

        using var app = AppProcess.Run("export", "--symbol", "LTCUSDT", "--interval", "1m", "--output", output,
            $"--Archive:Path={Path.GetRelativePath(RepositoryPaths.WebProject, root)}");

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(0, app.Output);
        app.Error.Should().BeEmpty();
        app.Output.Should().Contain($"LTCUSDT 1m: 100 candles opening from 2026-02-01T00:00:00Z to 2026-02-01T01:39:00Z written to {output}");
        KlineCsvReader.ReadFile(output, "LTCUSDT", KlineInterval.OneMinute).Should().Equal(candles);
    }

    [Fact]
    public async Task The_export_verb_with_a_range_that_ends_before_it_starts_exits_2_saying_why()
    {
        using var app = AppProcess.Run("export", "--symbol", "LTCUSDT", "--interval", "1m", "--from", "2026-02-02", "--to", "2026-02-01",
            "--output", Path.Combine(_dir, "x.csv"), $"--Archive:Path={_dir}");

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);
        app.Error.Should().StartWith("export: --from 2026-02-02T00:00:00Z must be before --to 2026-02-01T00:00:00Z");
    }
}
