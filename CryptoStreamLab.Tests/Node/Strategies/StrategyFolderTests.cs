using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Xunit.Abstractions;

namespace CryptoStreamLab.Tests.Node.Strategies;

/// <summary>
/// A folder of C# strategy files compiles into strategies picked by class name, and every mistake in it comes back as one
/// line naming its file (and for a compile error its line, column and the compiler's id), all of them in one pass.
/// </summary>
public sealed class StrategyFolderTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new("csl-strategies-");

    private string Folder => Path.Combine(_temp.Path, "strategies");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_documented_example_compiles_and_trades_over_a_month_of_candles()
    {
        Write("EmaCross.cs", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "EmaCross.cs")));

        var result = StrategyFolder.Compile(Folder);
        output.WriteLine(result.Summary);

        result.Problems.Should().BeEmpty();
        var definition = result.Definitions.Should().ContainSingle().Subject;
        definition.Name.Should().Be("EmaCross");
        definition.Description.Should().StartWith("Exponential moving averages: BUY when the fast one crosses above");
        definition.Type.Assembly.IsCollectible.Should().BeTrue("the files are loaded in a collectible context");
        definition.Parameters.Select(p => (p.Name, p.Kind, p.Default, p.Min, p.Max)).Should().Equal(
            ("Fast", ParameterKind.Integer, (object)12, 2d, 500d), ("Slow", ParameterKind.Integer, (object)26, 3d, 1000d));
        result.Summary.Should().MatchRegex(@"^Compiled 1 strategy from .*strategies in \d+ ms: EmaCross$");

        var setup = new StrategySetup(definition);
        setup.Series.Select(s => (s.Name, s.Pane)).Should().Equal(("EMA 12", SeriesPane.Overlay), ("EMA 26", SeriesPane.Overlay));
        setup.WarmUpPeriod.Should().Be(260);
        var month = KlineCsvReader.ReadFile(Path.Combine(RepositoryPaths.WebProject, "SampleData", "LTCUSDT-1m-2026-02.csv.gz"),
            "LTCUSDT", KlineInterval.OneMinute);
        var backtest = Backtester.Run(new StreamKey("LTCUSDT", KlineInterval.OneMinute),
            EngineSettings.For(setup, new TradingOptions()), month);

        output.WriteLine($"{backtest.Candles} candles, {backtest.Fills.Count} fills, final equity {backtest.FinalEquity}");
        backtest.Fills.Should().Contain(f => f.Side == TradeSide.Buy).And.Contain(f => f.Side == TradeSide.Sell);
    }

    [Fact]
    public void A_syntax_error_names_the_file_line_column_and_compiler_id_and_every_error_is_reported()
    {
        Write("Broken.cs", """
            using CryptoStreamLab.Core.Market;
            using CryptoStreamLab.Core.Strategy;

            public sealed class Broken : IStrategy
            {
                public IReadOnlyList<SeriesSpec> Series { get; } = []
                public int WarmUpPeriod => 0;
                public StrategyDecision OnCandle(in Candle candle, Span<double> series) => StrategyDecision.Hold
            }
            """);

        var result = StrategyFolder.Compile(Folder);

        result.Problems.Should().Equal(
            Path.Combine("strategies", "Broken.cs") + "(6,58): error CS1002: ; expected",
            Path.Combine("strategies", "Broken.cs") + "(8,101): error CS1002: ; expected");
        result.Definitions.Should().BeEmpty();
        result.Summary.Should().MatchRegex(@"^Compiled 0 strategies from .*strategies in \d+ ms with 2 problems$");
    }

    [Fact]
    public void A_type_error_names_the_file_line_column_and_compiler_id()
    {
        Write("Typed.cs", Strategy("Typed", "    private readonly int _period = \"twelve\";"));

        StrategyFolder.Compile(Folder).Problems.Should().Equal(
            Path.Combine("strategies", "Typed.cs") + "(10,36): error CS0029: Cannot implicitly convert type 'string' to 'int'");
    }

    [Fact]
    public void Two_files_with_an_error_each_give_two_problems_in_file_order()
    {
        // A syntax error in one file does not hide an error found later, in binding, in another.
        Write("B.cs", Strategy("Second", "    public void Missing() => Nowhere();"));
        Write("A.cs", Strategy("First", "    private readonly int _period = 1"));

        StrategyFolder.Compile(Folder).Problems.Should().Equal(
            Path.Combine("strategies", "A.cs") + "(10,37): error CS1002: ; expected",
            Path.Combine("strategies", "B.cs") + "(10,30): error CS0103: The name 'Nowhere' does not exist in the current context");
    }

    [Fact]
    public void A_file_without_a_strategy_is_a_problem_and_the_other_files_still_give_theirs()
    {
        Write("Helper.cs", "public static class Helper { public static double Half(double x) => x / 2; }");
        Write("Hidden.cs", Strategy("Hidden").Replace("public sealed class", "internal sealed class", StringComparison.Ordinal));
        Write("Good.cs", Strategy("Good", "    public double Half => Helper.Half(1);"));

        var result = StrategyFolder.Compile(Folder);

        result.Problems.Should().Equal(
            Path.Combine("strategies", "Helper.cs") + ": no public class implements IStrategy",
            Path.Combine("strategies", "Hidden.cs") + ": no public class implements IStrategy");
        result.Definitions.Select(d => d.Name).Should().Equal("Good");
        result.Definitions[0].Create(null).OnCandle(default, new double[SeriesValues.Capacity]).Should().Be(StrategyDecision.Hold);
    }

    [Fact]
    public void A_class_that_breaks_the_definition_rule_is_reported_with_its_file()
    {
        Write("TwoWays.cs", Strategy("TwoWays", "    public TwoWays() { }\n    public TwoWays(int period) { }"));

        var result = StrategyFolder.Compile(Folder);

        result.Problems.Should().Equal(Path.Combine("strategies", "TwoWays.cs") + ": TwoWays has 2 public constructors; a strategy has exactly one.");
        result.Definitions.Should().BeEmpty();
    }

    [Fact]
    public void A_class_named_like_a_built_in_strategy_is_refused_naming_both()
    {
        Write("Mine.cs", Strategy("crossoverRSI"));

        var result = StrategyFolder.Compile(Folder);

        result.Problems.Should().Equal(Path.Combine("strategies", "Mine.cs") +
            ": crossoverRSI has the name of the built-in strategy CrossoverRsi (CryptoStreamLab.Core.Strategy.CrossoverRsiStrategy); rename the class");
        result.Definitions.Should().BeEmpty();
    }

    [Fact]
    public void Two_classes_with_one_name_are_both_refused_naming_both()
    {
        Write("A.cs", "namespace Mine;\n" + Strategy("Trend"));
        Write("B.cs", "namespace Theirs;\n" + Strategy("TREND"));
        Write("C.cs", Strategy("Other"));

        var result = StrategyFolder.Compile(Folder);

        result.Problems.Should().Equal(Path.Combine("strategies", "A.cs") + ": the strategy name Trend is taken by " +
            $"Mine.Trend ({Path.Combine("strategies", "A.cs")}) and Theirs.TREND ({Path.Combine("strategies", "B.cs")}); " +
            "a strategy is picked by its class name, so each must be unique (case-insensitive)");
        result.Definitions.Select(d => d.Name).Should().Equal("Other");
    }

    [Fact]
    public void A_missing_or_empty_folder_gives_nothing_and_no_problem()
    {
        var missing = StrategyFolder.Compile(Folder);
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "notes.txt"), "not a strategy file");
        var empty = StrategyFolder.Compile(Folder);

        foreach (var result in new[] { missing, empty })
        {
            result.Definitions.Should().BeEmpty();
            result.Problems.Should().BeEmpty();
            result.Summary.Should().Be($"No strategy files in {Folder}");
        }
    }

    /// <summary>A minimal strategy class; <paramref name="members"/> go on line 10 of the file.</summary>
    private static string Strategy(string name, string members = "") => $$"""
        using CryptoStreamLab.Core.Market;
        using CryptoStreamLab.Core.Strategy;

        public sealed class {{name}} : IStrategy
        {
            public IReadOnlyList<SeriesSpec> Series { get; } = [];
            public int WarmUpPeriod => 0;
            public StrategyDecision OnCandle(in Candle candle, Span<double> series) => StrategyDecision.Hold;

        {{members}}
        }
        """;

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, name), text);
    }
}
