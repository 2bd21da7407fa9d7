using System.Net.Sockets;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Web.Hosting;

/// <summary>The real app as a child process: what its exit code, standard error and port say when it is started wrongly.</summary>
public sealed class ProcessExitTests : IDisposable
{
    // Generous: the machine may be loaded, and each case exits by itself long before this.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("process-exit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_invalid_configuration_value_exits_2_naming_the_key_and_never_listens()
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Strategy:FastPeriod"] = "80",
            ["MarketData:Source"] = "Synthetic",
            ["Storage:Path"] = _dir,
            ["Archive:Path"] = Path.Combine(_dir, "archive"),
        });

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);

        app.Error.Should().Contain("The configuration is not valid:")
            .And.Contain("Strategy:FastPeriod (80) must be shorter than Strategy:SlowPeriod (50)");
        app.Output.Should().NotContain("Now listening on");
        using var client = new TcpClient();
        var connect = () => client.Connect("127.0.0.1", app.Port);
        connect.Should().Throw<SocketException>("nothing may listen on the app's port");
    }

    [Fact]
    public async Task The_backtest_verb_with_a_bad_argument_exits_2_saying_why()
    {
        var output = Path.Combine(_dir, "out.csv");
        using var app = AppProcess.Run("backtest", "--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", output, "--interval", "2m");

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);

        app.Error.Should().StartWith("backtest: --interval '2m' is not a Binance interval");
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task The_backtest_verb_writes_its_output_file_and_exits_0()
    {
        var output = Path.Combine(_dir, "out.csv");
        using var app = AppProcess.Run("backtest", "--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", output);

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(0, app.Output);

        app.Error.Should().BeEmpty();
        app.Output.Should().Contain("AVAXUSDT 1m: 10000 candles");
        File.ReadLines(output).Should().HaveCount(10_001, "a header and one row per candle");
    }
}
