using System.Diagnostics;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Web.Hosting;

/// <summary>The real <c>backtest</c> verb as a child process: inputs that cannot be used and outputs it must not write.</summary>
public sealed class BacktestFilesProcessTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("backtest-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1_000)]
    [InlineData(5_000)]
    public async Task A_gzip_input_cut_short_exits_1_naming_the_file_and_writes_no_output(int cut)
    {
        var input = Path.Combine(_dir, "NEARUSDT-1m-cut.csv.gz");
        File.WriteAllBytes(input, File.ReadAllBytes(TestCandles.PathOf(TestCandles.NearMonthFile))[..^cut]);
        var output = Path.Combine(_dir, "out.csv");

        using var app = AppProcess.Run("backtest", "--input", input, "--output", output);

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(1, app.Output);
        app.Error.Should().StartWith($"backtest: {input}: the gzip data does not end with its trailer").And.Contain("truncated");
        File.Exists(output).Should().BeFalse("a run over part of a file is no result");
        File.Exists(output + ".partial").Should().BeFalse();
    }

    [Theory]
    [InlineData("", "0: the file holds no rows.")]
    [InlineData("open_time,open,high,low,close,volume\n", "1: the file holds a header but no candles.")]
    public async Task An_input_without_candles_exits_1_whether_empty_or_a_header_alone(string content, string problem)
    {
        var input = Path.Combine(_dir, "BTCUSDT-1m-none.csv");
        File.WriteAllText(input, content);

        using var app = AppProcess.Run("backtest", "--input", input, "--output", Path.Combine(_dir, "out.csv"));

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(1, app.Output);
        app.Error.Trim().Should().Be($"backtest: {input}:{problem}");
    }

    [Fact]
    public async Task An_output_in_a_missing_folder_exits_2_saying_so()
    {
        var output = Path.Combine(_dir, "missing", "out.csv");

        using var app = AppProcess.Run("backtest", "--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", output);

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);
        app.Error.Should().StartWith($"backtest: --output {output}: the folder {Path.Combine(_dir, "missing")} does not exist");
    }

    [Fact]
    public async Task An_output_that_is_a_pipe_exits_2_and_the_pipe_stays_a_pipe()
    {
        var pipe = Path.Combine(_dir, "pipe");
        Shell("mkfifo", pipe).Should().Be(0);

        using var app = AppProcess.Run("backtest", "--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", pipe);

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);
        app.Error.Should().StartWith($"backtest: --output {pipe} is not a regular file");
        Shell("test", "-p", pipe).Should().Be(0, "the pipe is not replaced by a file");
    }

    private static int Shell(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
