using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>The verb's statistics, JSON and sweep output, run in-process on the real AVAXUSDT sample.</summary>
public sealed class BacktestCommandStatisticsTests : IDisposable
{
    private static readonly string Input = TestCandles.PathOf(TestCandles.AvaxFile);
    private readonly string _directory = Directory.CreateTempSubdirectory("backtest-verb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathIn(string name) => Path.Combine(_directory, name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = BacktestCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Text_output_prints_the_statistics_after_the_summary()
    {
        var (exit, stdout, _) = Run("--input", Input, "--output", PathIn("rows.csv"));

        exit.Should().Be(0);
        var lines = stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("AVAXUSDT 1m: 10000 candles");
        lines.Skip(1).Select(l => l.Trim()).Should().Contain(l => l.StartsWith("Net profit"))
            .And.Contain(l => l.StartsWith("Max drawdown"))
            .And.Contain(l => l.StartsWith("Sharpe (annualised)"))
            .And.Contain(l => l.StartsWith("Buy and hold"));
        File.ReadLines(PathIn("rows.csv")).Should().HaveCount(10_001, "the per-candle rows are still written");
    }

    [Fact]
    public void Json_output_is_the_same_statistics_as_the_backtester_computes()
    {
        var (exit, stdout, _) = Run("--input", Input, "--output", PathIn("rows.csv"), "--format", "json");

        exit.Should().Be(0);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        root.GetProperty("symbol").GetString().Should().Be("AVAXUSDT");
        root.GetProperty("candles").GetInt32().Should().Be(10_000);
        var statistics = root.GetProperty("statistics");

        var expected = Backtester.Run(new("AVAXUSDT", KlineInterval.OneMinute),
            new(new(), new()), TestCandles.Avax()).Statistics;
        statistics.GetProperty("netProfit").GetDecimal().Should().Be(expected.NetProfit);
        statistics.GetProperty("maxDrawdownPct").GetDecimal().Should().Be(expected.MaxDrawdownPct);
        statistics.GetProperty("fills").GetInt32().Should().Be(expected.Fills);
        statistics.GetProperty("sharpe").GetDouble().Should().Be(expected.Sharpe!.Value);
        statistics.GetProperty("averageWin").ValueKind.Should().Be(expected.AverageWin is null ? JsonValueKind.Null : JsonValueKind.Number);
    }

    [Fact]
    public void A_sweep_writes_one_ranked_row_per_valid_set_and_prints_the_best()
    {
        var (exit, stdout, stderr) = Run("--input", Input, "--output", PathIn("sweep.csv"),
            "--sweep", "fast=10,20,60;slow=50", "--Strategy:SellRsiMin=60");

        exit.Should().Be(0, stderr);
        var rows = File.ReadAllLines(PathIn("sweep.csv"));
        rows[0].Should().Be(SweepCsvWriter.Header);
        rows.Should().HaveCount(1 + 2, "fast=60 is not shorter than slow=50 and is skipped");
        var profits = rows.Skip(1).Select(r => decimal.Parse(r.Split(',')[8], CultureInfo.InvariantCulture)).ToList();
        profits.Should().BeInDescendingOrder();
        rows.Skip(1).Should().OnlyContain(r => r.Split(',')[7] == "60", "configuration overrides apply to every set");
        stdout.Should().Contain("2 parameter sets × 10000 candles")
            .And.Contain("skipped 1 invalid combinations")
            .And.Contain("#1 fast=").And.Contain("#2 fast=");
    }

    [Fact]
    public void A_json_sweep_writes_every_set_to_the_file_and_the_best_to_standard_output()
    {
        var (exit, stdout, stderr) = Run("--input", Input, "--output", PathIn("sweep.json"), "--format=json",
            "--sweep=fast=4:9:1;slow=30");

        exit.Should().Be(0, stderr);
        using var file = JsonDocument.Parse(File.ReadAllText(PathIn("sweep.json")));
        var results = file.RootElement.GetProperty("results");
        results.GetArrayLength().Should().Be(6);
        results[0].GetProperty("rank").GetInt32().Should().Be(1);
        results[0].GetProperty("parameters").GetProperty("slowPeriod").GetInt32().Should().Be(30);
        results[0].GetProperty("parameters").GetProperty("rsiMethod").GetString().Should().Be("Simple");
        results.EnumerateArray().Select(r => r.GetProperty("statistics").GetProperty("netProfit").GetDecimal())
            .Should().BeInDescendingOrder();

        using var printed = JsonDocument.Parse(stdout);
        printed.RootElement.GetProperty("results").GetArrayLength().Should().Be(BacktestCommand.BestShown);
        printed.RootElement.GetProperty("sets").GetInt32().Should().Be(6);
    }

    [Theory]
    [InlineData("--format", "xml", "*--format 'xml' is not a format*")]
    [InlineData("--sweep", "fast=10:30", "*--sweep: fast: the range '10:30' must be start:stop:step*")]
    [InlineData("--sweep", "fast=60;slow=50", "*--sweep: none of the grid's 1 combinations is valid*")]
    public void Bad_format_or_grid_exits_with_2_and_says_why(string option, string value, string message)
    {
        var (exit, _, stderr) = Run("--input", Input, "--output", PathIn("out.csv"), option, value);

        exit.Should().Be(2);
        stderr.Should().Match(message);
        File.Exists(PathIn("out.csv")).Should().BeFalse();
    }

    [Fact]
    public void A_sweep_over_bad_data_exits_with_1_naming_the_line_and_leaves_no_output()
    {
        var input = PathIn("BADUSDT-1m.csv");
        File.WriteAllLines(input, ["open_time,open,high,low,close,volume", "1699999980000,10,11,9,10,5", "1700000040000,10,9,11,10,5"]);

        var (exit, _, stderr) = Run("--input", input, "--output", PathIn("sweep.csv"), "--sweep", "fast=5,6");

        exit.Should().Be(1);
        stderr.Should().Contain($"{input}:3:");
        Directory.GetFiles(_directory).Should().Equal(input);
    }
}
