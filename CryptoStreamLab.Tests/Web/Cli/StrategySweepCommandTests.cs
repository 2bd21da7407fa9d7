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

/// <summary><c>backtest --strategy NAME --sweep</c> (and <c>--walk-forward</c>) over a strategy other than the seed's, on the AVAXUSDT sample.</summary>
public sealed class StrategySweepCommandTests : IDisposable
{
    private static readonly string Input = TestCandles.PathOf(TestCandles.AvaxFile);
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private const string Grid = "EntryPeriod=10:30:10;ExitPeriod=5,10";
    private static readonly EngineSettings Donchian = EngineSettings.For(new StrategySetup(BuiltInStrategies.DonchianBreakout), new TradingOptions());

    private readonly string _directory = Directory.CreateTempSubdirectory("strategy-sweep-verb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathIn(string name) => Path.Combine(_directory, name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = BacktestCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Entry, int Exit) Periods(StrategySetup setup) =>
        setup.Parameters is DonchianBreakoutParameters p ? (p.EntryPeriod, p.ExitPeriod) : throw new InvalidOperationException(setup.ToString());

    [Fact]
    public void A_sweep_of_a_strategy_type_ranks_its_sets_by_their_own_parameters()
    {
        var (exit, stdout, stderr) = Run("--input", Input, "--output", PathIn("sweep.csv"), "--strategy", "DonchianBreakout", "--sweep", Grid);

        exit.Should().Be(0, stderr);
        var expected = ParameterSweep.Run(Avax, Donchian, ParameterGrid.Parse(Grid, Donchian).Sets, TestCandles.Avax().ToArray());
        var rows = File.ReadAllLines(PathIn("sweep.csv"));
        rows[0].Should().Be(SweepCsvWriter.HeaderFor(BuiltInStrategies.DonchianBreakout)).And.StartWith("rank,entry_period,exit_period,net_profit,");
        rows.Skip(1).Select(r => r.Split(',')).Select(c => (int.Parse(c[1], CultureInfo.InvariantCulture), int.Parse(c[2], CultureInfo.InvariantCulture),
            decimal.Parse(c[3], CultureInfo.InvariantCulture))).Should().Equal(expected.Select(e => (Periods(e.Setup).Entry, Periods(e.Setup).Exit, e.Statistics.NetProfit)));
        var (entry, exitPeriod) = Periods(expected[0].Setup);
        stdout.Should().StartWith("AVAXUSDT 1m: 6 parameter sets × 10000 candles in ")
            .And.Contain($"  #1 entryPeriod={entry} exitPeriod={exitPeriod}: net {StatisticsRows.Money(expected[0].Statistics.NetProfit)}");
    }

    [Fact]
    public void Json_lists_each_sets_parameters_by_name()
    {
        var (exit, _, stderr) = Run("--input", Input, "--output", PathIn("sweep.json"), "--format", "json", "--strategy", "donchianbreakout",
            "--sweep", "entryPeriod=15,25");

        exit.Should().Be(0, stderr);
        using var document = JsonDocument.Parse(File.ReadAllText(PathIn("sweep.json")));
        var results = document.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Should().HaveCount(2);
        foreach (var result in results)
        {
            var parameters = result.GetProperty("parameters");
            parameters.EnumerateObject().Select(p => p.Name).Should().Equal("entryPeriod", "exitPeriod");
            parameters.GetProperty("entryPeriod").GetInt32().Should().BeOneOf(15, 25);
            parameters.GetProperty("exitPeriod").GetInt32().Should().Be(10, "the default of a parameter the grid does not name");
        }
    }

    [Fact]
    public void A_configured_strategy_sweeps_from_its_configured_values()
    {
        var (exit, _, stderr) = Run("--input", Input, "--output", PathIn("sweep.csv"), "--strategy", "breakout", "--sweep", "entryPeriod=10,20",
            "--Strategies:0:Name=breakout", "--Strategies:0:Type=DonchianBreakout", "--Strategies:0:ExitPeriod=15");

        exit.Should().Be(0, stderr);
        File.ReadAllLines(PathIn("sweep.csv")).Skip(1).Select(r => r.Split(',')[2]).Should().Equal("15", "15");
    }

    [Fact]
    public void A_walk_forward_over_a_strategy_type_chooses_among_its_sets()
    {
        var (exit, stdout, stderr) = Run("--input", Input, "--output", PathIn("folds.csv"), "--strategy", "DonchianBreakout", "--sweep", Grid,
            "--walk-forward", "2d:1d");

        exit.Should().Be(0, stderr);
        var expected = WalkForward.Run(Avax, Donchian, ParameterGrid.Parse(Grid, Donchian).Sets, TestCandles.Avax().ToArray(), TimeWindow.All,
            new WalkForwardSettings(WalkForwardSpec.Parse("2d:1d")));
        var lines = File.ReadAllLines(PathIn("folds.csv"));
        lines[0].Should().Contain(",eligible_sets,entry_period,exit_period,objective_value,");
        lines.Skip(1).Select(l => l.Split(',')[8..10]).Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture), int.Parse(c[1], CultureInfo.InvariantCulture)))
            .Should().Equal(expected.Folds.Select(f => Periods(f.Chosen!)));
        stdout.Should().Contain($"  chosen {WalkForwardText.Parameters(expected.Folds[0].Chosen!, expected)} (net-profit ")
            .And.Contain("  chosen entryPeriod=");
    }

    [Theory]
    [InlineData("fast=10", "backtest: --sweep: unknown parameter 'fast'; use entryPeriod, exitPeriod.")]
    [InlineData("entryPeriod=0:20:10", "backtest: --sweep: entryPeriod must be between 1 and 10000 (is 0), in '0:20:10'.")]
    public void A_grid_the_strategy_cannot_take_exits_2_naming_the_parameter(string grid, string message)
    {
        var (exit, _, stderr) = Run("--input", Input, "--strategy", "DonchianBreakout", "--sweep", grid);

        exit.Should().Be(2);
        stderr.Trim().Should().Be(message);
    }
}
