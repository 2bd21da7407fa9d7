using System.Globalization;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("backtest-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private int Run(params string[] args) => BacktestCommand.Run(args, _out, _err);

    private string Output => Path.Combine(_dir, "out.csv");

    [Fact]
    public void Writes_one_row_per_closed_candle_with_the_exact_header_and_prints_a_summary()
    {
        Run("--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", Output).Should().Be(0, _err.ToString());

        var lines = File.ReadAllLines(Output);
        lines[0].Should().Be("open_time,open,high,low,close,volume,ma_fast,ma_slow,rsi,signal,action,cash,quantity,equity");
        lines.Should().HaveCount(10_001);
        lines[1].Should().StartWith("1769904000000,").And.EndWith(",,,,HOLD,HOLD,10000,0,10000", "indicators are empty until ready");
        lines[50].Split(',')[7].Should().NotBeEmpty("MA50 is ready at the 50th candle");
        lines[49].Split(',')[7].Should().BeEmpty();
        lines.Skip(1).Select(l => l.Split(',')[10]).Should().Contain("BUY");
        _out.ToString().Should().Contain("AVAXUSDT 1m: 10000 candles").And.Contain("candles/s");
    }

    [Fact]
    public void Doubles_are_written_with_round_trip_precision()
    {
        Run("--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", Output).Should().Be(0);

        var candles = TestCandles.Avax();
        var row = File.ReadLines(Output).ElementAt(100).Split(',');
        var expectedMa20 = candles.Skip(80).Take(20).Sum(c => c.Close) / 20m;
        double.Parse(row[6], CultureInfo.InvariantCulture).Should().BeApproximately((double)expectedMa20, 1e-12);
        row[6].Should().Be(double.Parse(row[6], CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Configuration_overrides_change_the_engine()
    {
        Run("--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", Output, "--Trading:StartingBalance=500",
            "--Strategy:FastPeriod", "5").Should().Be(0, _err.ToString());
        File.ReadLines(Output).ElementAt(1).Should().EndWith(",500,0,500");
        File.ReadLines(Output).ElementAt(5).Split(',')[6].Should().NotBeEmpty("MA(5) is ready at the 5th candle");
    }

    [Fact]
    public void Invalid_configuration_lists_every_problem_and_exits_2()
    {
        Run("--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", Output, "--Strategy:FastPeriod=60",
            "--Trading:FeeRate=-1", "--Strategy:RsiMethod=Fancy").Should().Be(2);

        _err.ToString().Should().Contain("Strategy:FastPeriod (60) must be shorter").And.Contain("Trading:FeeRate")
            .And.Contain("Strategy:RsiMethod");
        File.Exists(Output).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "--output", "x.csv" }, "--input is required*")]
    [InlineData(new[] { "--input", "a.csv", "--output", "x.csv", "--interval", "2m" }, "*'2m' is not a Binance interval*")]
    [InlineData(new[] { "--input", "a.csv", "--output", "x.csv", "--symbol", "btc-usdt" }, "*a symbol is 2 to 20 upper-case*")]
    [InlineData(new[] { "--input", "a.csv", "--output", "x.csv", "--speed", "3" }, "*Unknown option '--speed'*")]
    [InlineData(new[] { "--input" }, "*needs a value*")]
    [InlineData(new[] { "stray" }, "*Unexpected argument 'stray'*")]
    public void Bad_arguments_exit_2_with_the_reason(string[] args, string message)
    {
        Run(args).Should().Be(2);
        _err.ToString().Should().Match("backtest: " + message);
    }

    [Fact]
    public void Bad_data_exits_1_naming_the_file_and_line_and_leaves_no_output()
    {
        var input = Path.Combine(_dir, "BTCUSDT-1m-bad.csv");
        File.WriteAllText(input, "open_time,open,high,low,close,volume\n1699999980000,1,2,0.5,1.5,3\n1700000040000,1,2,3,1.5,3\n");
        File.WriteAllText(Output, "previous result");

        Run("--input", input, "--output", Output).Should().Be(1);

        _err.ToString().Should().Contain($"{input}:3: high 2 is below low 3");
        File.ReadAllText(Output).Should().Be("previous result", "a failed run must not replace an earlier result");
        File.Exists(Output + ".partial").Should().BeFalse();
    }

    [Theory]
    [InlineData("1699999980000,100000000000,100000000000,100000000000,100000000000,3", "largest price the engine can represent")]
    [InlineData("1700000010000,1,2,0.5,1.5,3", "is not on a 1m boundary")]
    [InlineData("3993148800000,1,2,0.5,1.5,3", "is in the future")]
    public void A_row_the_engine_cannot_use_exits_1_naming_its_line_and_leaves_no_partial(string row, string reason)
    {
        var input = Path.Combine(_dir, "BTCUSDT-1m-range.csv");
        var rows = Enumerable.Range(0, 60).Select(i => $"{1699999980000 - (60 - i) * 60_000L},1,2,0.5,1.5,3");
        File.WriteAllLines(input, ["open_time,open,high,low,close,volume", .. rows, row]);

        Run("--input", input, "--output", Output).Should().Be(1, _err.ToString());

        _err.ToString().Should().Contain($"{input}:62:").And.Contain(reason);
        File.Exists(Output).Should().BeFalse();
        File.Exists(Output + ".partial").Should().BeFalse();
    }

    [Fact]
    public void A_missing_input_exits_1()
    {
        Run("--input", Path.Combine(_dir, "none.csv"), "--output", Output).Should().Be(1);
        _err.ToString().Should().Contain("none.csv: no such file.");
    }

    [Fact]
    public void Summary_reports_candles_fills_and_final_equity()
    {
        var candles = TestCandles.Avax();
        var summary = Backtester.Run(new("AVAXUSDT", KlineInterval.OneMinute),
            new(new(), new()), candles);
        BacktestCommand.FormatSummary(summary).Should().StartWith($"AVAXUSDT 1m: 10000 candles, {summary.Fills.Count} fills, final equity ");
        summary.FinalEquity.Should().Be(summary.FinalCash + summary.FinalQuantity * candles[^1].Close);
    }
}
