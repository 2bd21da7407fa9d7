using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary><c>backtest --sweep --walk-forward</c> on the AVAXUSDT sample: 2d:1d folds test days 3 to 6 and the last 22 h 40 min.</summary>
public sealed class WalkForwardCommandTests : IDisposable
{
    private static readonly string Input = TestCandles.PathOf(TestCandles.AvaxFile);
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private const string Grid = "fast=5,7,10;slow=25,40";
    private static readonly string[] Strategy = ["--Strategy:BuyRsiMin=30", "--Strategy:BuyRsiMax=90", "--Strategy:SellRsiMin=20"];
    private static readonly EngineSettings Baseline = new(new StrategyOptions { BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 }, new TradingOptions());

    private readonly string _directory = Directory.CreateTempSubdirectory("walk-forward-verb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathIn(string name) => Path.Combine(_directory, name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = BacktestCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static WalkForwardResult Expected(string spec = "2d:1d", WalkForwardObjective objective = WalkForwardObjective.NetProfit, int minTrades = 1) =>
        WalkForward.Run(Avax, Baseline, ParameterGrid.Parse(Grid, Baseline).Sets, TestCandles.Avax().ToArray(), TimeWindow.All,
            new WalkForwardSettings(WalkForwardSpec.Parse(spec), objective, minTrades));

    [Fact]
    public void The_csv_has_one_row_per_fold_with_its_windows_choice_and_both_statistics()
    {
        var (exit, stdout, stderr) = Run(["--input", Input, "--output", PathIn("folds.csv"), "--sweep", Grid, "--walk-forward", "2d:1d", .. Strategy]);

        exit.Should().Be(0, stderr);
        var expected = Expected();
        var lines = File.ReadAllLines(PathIn("folds.csv"));
        lines[0].Should().Be(WalkForwardCsvWriter.Header);
        lines.Should().HaveCount(1 + 5);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var column = lines[0].Split(',').Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        rows.Select(r => r[column["test_from"]]).Should().Equal("2026-02-03T00:00:00Z", "2026-02-04T00:00:00Z", "2026-02-05T00:00:00Z", "2026-02-06T00:00:00Z", "2026-02-07T00:00:00Z");
        rows.Select(r => r[column["partial"]]).Should().Equal("false", "false", "false", "false", "true");
        rows[^1][column["test_to"]].Should().Be("2026-02-07T22:40:00Z", "the last test window is cut at the data's end");
        rows[^1][column["test_candles"]].Should().Be("1360");
        for (var i = 0; i < rows.Count; i++)
        {
            var fold = expected.Folds[i];
            rows[i][column["fast"]].Should().Be(fold.Chosen!.SeedOptions!.FastPeriod.ToString(CultureInfo.InvariantCulture));
            rows[i][column["slow"]].Should().Be(fold.Chosen.SeedOptions.SlowPeriod.ToString(CultureInfo.InvariantCulture));
            decimal.Parse(rows[i][column["is_net_profit"]], CultureInfo.InvariantCulture).Should().Be(fold.InSample!.NetProfit);
            decimal.Parse(rows[i][column["oos_net_profit"]], CultureInfo.InvariantCulture).Should().Be(fold.OutOfSample.NetProfit);
            int.Parse(rows[i][column["oos_round_trips"]], CultureInfo.InvariantCulture).Should().Be(fold.OutOfSample.RoundTrips);
        }

        stdout.Should().StartWith($"AVAXUSDT 1m: walk-forward 2d:1d:1d over 10000 candles, 5 folds × 6 parameter sets chosen by net-profit (at least 1 round trip) in ");
        stdout.Should().Contain("fold 5: train 2026-02-05T00:00:00Z to 2026-02-07T00:00:00Z, test 2026-02-07T00:00:00Z to 2026-02-07T22:40:00Z (partial: 22h40m of 1d, the data ends)")
            .And.Contain($"  chosen {WalkForwardText.Parameters(expected.Folds[0].Chosen!, expected)} (net-profit ")
            .And.Contain("out of sample, chained over 4.94 days:")
            .And.Contain(StatisticsRows.ToText(expected.OutOfSample))
            .And.Contain("walk-forward efficiency: ");
    }

    [Fact]
    public void Json_holds_every_fold_the_chained_out_of_sample_statistics_and_the_efficiency()
    {
        var (exit, stdout, stderr) = Run(["--input", Input, "--output", PathIn("walk.json"), "--format", "json", "--sweep", Grid,
            "--walk-forward", "2d:1d", "--objective", "sharpe", .. Strategy]);

        exit.Should().Be(0, stderr);
        var expected = Expected(objective: WalkForwardObjective.Sharpe);
        using var file = JsonDocument.Parse(File.ReadAllText(PathIn("walk.json")));
        using var printed = JsonDocument.Parse(stdout);
        Without(printed.RootElement, "seconds").Should().Be(Without(file.RootElement, "seconds"), "standard output shows the same report");
        var root = file.RootElement;
        root.GetProperty("walkForward").GetString().Should().Be("2d:1d:1d");
        root.GetProperty("objective").GetString().Should().Be("sharpe");
        root.GetProperty("minTrades").GetInt32().Should().Be(1);
        root.GetProperty("sets").GetInt32().Should().Be(6);
        root.GetProperty("candles").GetInt32().Should().Be(10_000);
        var folds = root.GetProperty("folds").EnumerateArray().ToList();
        folds.Should().HaveCount(5);
        for (var i = 0; i < folds.Count; i++)
        {
            var (fold, want) = (folds[i], expected.Folds[i]);
            fold.GetProperty("trainFrom").GetString().Should().Be(TimeWindow.FormatTime(want.Windows.Train.From));
            fold.GetProperty("trainTo").GetString().Should().Be(TimeWindow.FormatTime(want.Windows.Train.To));
            fold.GetProperty("testFrom").GetString().Should().Be(TimeWindow.FormatTime(want.Windows.Test.From));
            fold.GetProperty("testTo").GetString().Should().Be(TimeWindow.FormatTime(want.Windows.Test.To));
            fold.GetProperty("partial").GetBoolean().Should().Be(i == 4);
            var chosen = fold.GetProperty("chosen");
            chosen.EnumerateObject().Select(p => p.Name).Should().Equal("fast", "slow", "rsiPeriod", "buyRsiMin", "buyRsiMax", "sellRsiMin");
            chosen.GetProperty("fast").GetInt32().Should().Be(want.Chosen!.SeedOptions!.FastPeriod);
            chosen.GetProperty("sellRsiMin").GetDouble().Should().Be(20);
            fold.GetProperty("objectiveValue").GetDouble().Should().Be(want.InSample!.Sharpe!.Value);
            fold.GetProperty("inSample").GetProperty("netProfit").GetDecimal().Should().Be(want.InSample.NetProfit);
            fold.GetProperty("outOfSample").GetProperty("netProfit").GetDecimal().Should().Be(want.OutOfSample.NetProfit);
        }

        var plain = JsonDocument.Parse(Run(["--input", Input, "--output", PathIn("rows.csv"), "--format", "json"]).Out).RootElement.GetProperty("statistics");
        folds[0].GetProperty("outOfSample").EnumerateObject().Select(p => p.Name).Should().Equal(plain.EnumerateObject().Select(p => p.Name),
            "statistics objects are shaped as in the plain backtest's JSON");
        root.GetProperty("outOfSample").GetProperty("finalEquity").GetDecimal().Should().Be(expected.OutOfSample.FinalEquity);
        root.GetProperty("outOfSampleDays").GetDouble().Should().Be(expected.OutOfSampleDays);
        Nullable(root.GetProperty("efficiency")).Should().Be(expected.Efficiency);
        Nullable(root.GetProperty("inSampleReturnPerDayPct")).Should().Be(expected.InSampleReturnPerDayPct);
    }

    [Fact]
    public void Folds_without_an_eligible_set_are_reported_with_chosen_null_and_no_trade()
    {
        var (exit, stdout, stderr) = Run(["--input", Input, "--output", PathIn("walk.json"), "--format", "json", "--sweep", Grid,
            "--walk-forward", "2d:1d", "--min-trades", "1000", .. Strategy]);

        exit.Should().Be(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var folds = json.RootElement.GetProperty("folds").EnumerateArray().ToList();
        folds.Should().HaveCount(5);
        folds.Should().OnlyContain(f => f.GetProperty("chosen").ValueKind == JsonValueKind.Null && f.GetProperty("inSample").ValueKind == JsonValueKind.Null
            && f.GetProperty("eligibleSets").GetInt32() == 0 && f.GetProperty("outOfSample").GetProperty("fills").GetInt32() == 0);
        json.RootElement.GetProperty("efficiency").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("outOfSample").GetProperty("netProfit").GetDecimal().Should().Be(0);

        var text = Run(["--input", Input, "--output", PathIn("folds.csv"), "--sweep", Grid, "--walk-forward", "2d:1d", "--min-trades", "1000", .. Strategy]);
        text.Out.Should().Contain("  no eligible set: none of 6 made at least 1000 round trips with a defined net-profit; no trade")
            .And.Contain("walk-forward efficiency: n/a (in sample chose no set, not a gain to compare with)");
        File.ReadLines(PathIn("folds.csv")).Skip(1).Select(l => l.Split(',')[8]).Should().OnlyContain(fast => fast == "", "no set, no parameters");
    }

    [Theory]
    [InlineData(new[] { "--walk-forward", "2d:1d" }, "backtest: --walk-forward needs --sweep GRID: each train window chooses a set from that grid.*")]
    [InlineData(new[] { "--objective", "sharpe" }, "backtest: --objective and --min-trades choose a walk-forward's parameter set; they need --walk-forward.*")]
    [InlineData(new[] { "--sweep", "fast=5", "--min-trades", "2" }, "backtest: --objective and --min-trades choose*")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2d" }, "backtest: --walk-forward: '2d' is not TRAIN:TEST[:STEP]*")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2d:1x" }, "backtest: --walk-forward: the test window '1x' is not a duration such as 7d, 12h, 90m or 1d12h.")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2d:1d", "--objective", "profit" }, "backtest: --objective: 'profit' is not an objective; use one of net-profit, sharpe, sortino, calmar, profit-factor.")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2d:1d", "--min-trades", "-1" }, "backtest: --min-trades '-1' must be a whole number of round trips, 0 or more.")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2d:1d", "--min-trades", "two" }, "backtest: --min-trades 'two' must be a whole number*")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "7d:1d" }, "backtest: --walk-forward 7d:1d:1d: the AVAXUSDT 1m candles cover 6d22h40m, not more than the train window (7d); no fold fits.")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2d:1d", "--from", "2026-02-06" }, "backtest: --walk-forward 2d:1d:1d: the AVAXUSDT 1m candles from 2026-02-06T00:00:00Z on cover 1d22h40m, not more than the train window (2d); no fold fits.")]
    [InlineData(new[] { "--sweep", "fast=5", "--walk-forward", "2h:1h", "--interval", "4h" }, "backtest: --walk-forward: the train window (2h) is shorter than one 4h candle.")]
    public void Unusable_walk_forward_arguments_exit_2_with_the_reason_and_write_nothing(string[] args, string message)
    {
        var (exit, _, stderr) = Run(["--input", Input, "--output", PathIn("out.csv"), .. args]);

        exit.Should().Be(2);
        stderr.Trim().Should().Match(message);
        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    private static string Without(JsonElement root, string name) =>
        string.Join(",", root.EnumerateObject().Where(p => p.Name != name).Select(p => p.Name + "=" + p.Value.GetRawText()));

    private static double? Nullable(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();
}
