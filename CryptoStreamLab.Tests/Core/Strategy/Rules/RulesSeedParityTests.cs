using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

/// <summary>The seed's strategy written as rules trades exactly as the built-in one, over the shipped LTCUSDT month.</summary>
public class RulesSeedParityTests
{
    private static readonly StreamKey Stream = new("LTCUSDT", KlineInterval.OneMinute);

    [Fact]
    public void The_seed_rule_pair_gives_the_built_in_strategys_fills_and_equity()
    {
        var candles = KlineCsvReader.ReadFile(Path.Combine(RepositoryPaths.WebProject, "SampleData", "LTCUSDT-1m-2026-02.csv.gz"),
            Stream.Symbol, Stream.Interval).ToArray();
        var rules = new StrategySetup(BuiltInStrategies.Rules, parameters: new RulesParameters { Buy = SeedRules.Buy, Sell = SeedRules.Sell });
        var ruleSignals = new List<Signal>(candles.Length);
        var seedSignals = new List<Signal>(candles.Length);

        var byRules = Backtester.Run(Stream, EngineSettings.For(rules, new TradingOptions()), candles, e => ruleSignals.Add(e.Signal));
        var bySeed = Backtester.Run(Stream, new EngineSettings(new StrategyOptions(), new TradingOptions()), candles, e => seedSignals.Add(e.Signal));

        candles.Should().HaveCountGreaterThan(40_000);
        bySeed.Fills.Select(f => f.Side).Should().Contain(TradeSide.Buy).And.Contain(TradeSide.Sell, "the month must exercise both rules");
        seedSignals.Count(s => s != Signal.Hold).Should().BeGreaterThan(bySeed.Fills.Count, "signals the account ignores must agree too");
        ruleSignals.Should().Equal(seedSignals);
        byRules.Fills.Should().Equal(bySeed.Fills);
        byRules.FinalEquity.Should().Be(bySeed.FinalEquity);
        byRules.FinalCash.Should().Be(bySeed.FinalCash);
    }

    [Fact]
    public void The_seed_rule_pair_draws_the_built_in_strategys_values()
    {
        var candles = KlineCsvReader.ReadFile(Path.Combine(RepositoryPaths.WebProject, "SampleData", "LTCUSDT-1m-2026-02.csv.gz"),
            Stream.Symbol, Stream.Interval).Take(3_000).ToArray();
        var rules = new RulesStrategy(new RulesParameters { Buy = SeedRules.Buy, Sell = SeedRules.Sell });
        var seed = new CrossoverRsiStrategy(new StrategyOptions());
        foreach (var candle in candles)
        {
            var (mine, theirs) = (SeriesValues.Empty, SeriesValues.Empty);
            var preview = rules.Preview(candle, mine);
            seed.Preview(candle, theirs).Signal.Should().Be(preview.Signal);
            mine.Should().Be(theirs);
            rules.OnCandle(candle, mine).Signal.Should().Be(seed.OnCandle(candle, theirs).Signal);
            mine.Should().Be(theirs);
        }
    }
}
