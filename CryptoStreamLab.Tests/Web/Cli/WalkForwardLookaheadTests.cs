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

/// <summary>
/// A walk-forward's choices use no candle from their future, over a whole month (NEARUSDT, February 2026) in 7-day train
/// windows and 5-day test windows: folds testing from days 7, 12, 17, 22 and 27 (the last cut short at the month's end).
/// </summary>
public sealed class WalkForwardLookaheadTests : IDisposable
{
    private static readonly string MonthFile = TestCandles.PathOf(TestCandles.NearMonthFile);
    private static readonly StreamKey Near = new("NEARUSDT", KlineInterval.OneMinute);
    private static readonly Candle[] Month = KlineCsvReader.ReadFile(MonthFile, Near.Symbol, Near.Interval).ToArray();
    private const string Grid = "fast=5,10,20;slow=30,60";
    private const string Spec = "7d:5d";

    // The baseline every set shares, given to the verb as configuration overrides too.
    private static readonly string[] Strategy = ["--Strategy:BuyRsiMin=30", "--Strategy:BuyRsiMax=90", "--Strategy:SellRsiMin=20"];
    private static readonly EngineSettings Baseline = new(new StrategyOptions { BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 }, new TradingOptions());

    private readonly string _directory = Directory.CreateTempSubdirectory("walk-forward-lookahead-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static WalkForwardResult Run(Candle[] candles) => WalkForward.Run(Near, Baseline, ParameterGrid.Parse(Grid, Baseline).Sets, candles,
        TimeWindow.All, new WalkForwardSettings(WalkForwardSpec.Parse(Spec)));

    [Fact]
    public void Changing_every_candle_after_a_folds_train_window_leaves_its_choice_unchanged()
    {
        var original = Run(Month);
        original.Folds.Should().HaveCount(5);
        original.Folds.Select(f => f.ChosenIndex).Distinct().Should().HaveCountGreaterThan(1, "choices that never change would prove nothing");

        foreach (var fold in original.Folds)
        {
            var changed = Run(ChangedFrom(fold.Windows.Train.To));
            var same = changed.Folds[fold.Windows.Number - 1];

            same.Windows.Should().Be(fold.Windows);
            same.ChosenIndex.Should().Be(fold.ChosenIndex, $"fold {fold.Windows.Number}'s choice depends only on candles before its test window");
            same.InSample.Should().Be(fold.InSample);
            same.OutOfSample.Should().NotBe(fold.OutOfSample, "its test window's candles did change");
            foreach (var earlier in changed.Folds.Take(fold.Windows.Number - 1))
                earlier.ChosenIndex.Should().Be(original.Folds[earlier.Windows.Number - 1].ChosenIndex);
        }
    }

    [Fact]
    public void Each_folds_out_of_sample_statistics_equal_a_backtest_from_to_over_its_test_window_with_the_chosen_set()
    {
        var report = Verb(["--input", MonthFile, "--output", PathIn("walk-forward.json"), "--format", "json", "--sweep", Grid, "--walk-forward", Spec, .. Strategy]);
        var folds = report.RootElement.GetProperty("folds").EnumerateArray().ToList();
        folds.Should().HaveCount(5);
        folds[^1].GetProperty("partial").GetBoolean().Should().BeTrue();

        foreach (var fold in folds)
        {
            var chosen = fold.GetProperty("chosen");
            using var single = Verb(["--input", MonthFile, "--output", PathIn("rows.csv"), "--format", "json",
                "--from", fold.GetProperty("testFrom").GetString()!, "--to", fold.GetProperty("testTo").GetString()!, .. Strategy,
                $"--Strategy:FastPeriod={chosen.GetProperty("fast").GetInt32()}", $"--Strategy:SlowPeriod={chosen.GetProperty("slow").GetInt32()}",
                $"--Strategy:RsiPeriod={chosen.GetProperty("rsiPeriod").GetInt32()}",
                $"--Strategy:BuyRsiMin={Number(chosen, "buyRsiMin")}", $"--Strategy:BuyRsiMax={Number(chosen, "buyRsiMax")}",
                $"--Strategy:SellRsiMin={Number(chosen, "sellRsiMin")}"]);

            Fields(single.RootElement.GetProperty("statistics")).Should().Equal(Fields(fold.GetProperty("outOfSample")),
                $"fold {fold.GetProperty("fold").GetInt32()} from {fold.GetProperty("testFrom").GetString()}");
        }

        folds.Select(f => f.GetProperty("outOfSample").GetProperty("fills").GetInt32()).Sum().Should().BeGreaterThan(0);
    }

    /// <summary>The month with every candle opening at or after <paramref name="from"/> moved by a different factor, still a valid candle.</summary>
    private static Candle[] ChangedFrom(long from) => Month.Select((c, i) =>
    {
        if (c.OpenTime < from) return c;
        var factor = 1m + 0.04m * (decimal)Math.Sin(i / 97.0);
        return c with { Open = c.Open * factor, High = c.High * factor, Low = c.Low * factor, Close = c.Close * factor };
    }).ToArray();

    private JsonDocument Verb(string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        BacktestCommand.Run(args, stdout, stderr).Should().Be(0, stderr.ToString());
        return JsonDocument.Parse(stdout.ToString());
    }

    private static string Number(JsonElement element, string name) => element.GetProperty(name).GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static List<(string, string)> Fields(JsonElement statistics) => statistics.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList();

    private string PathIn(string name) => Path.Combine(_directory, name);
}
