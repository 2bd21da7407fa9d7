using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

public class RuleSharingTests
{
    [Fact]
    public void A_repeated_call_is_one_indicator_instance_across_buy_and_sell()
    {
        var strategy = new RuleHarness(SeedRules.Buy, SeedRules.Sell).Strategy;
        var keys = strategy.Nodes.Select(n => n.Key).ToList();
        keys.Should().OnlyHaveUniqueItems();
        strategy.Nodes.OfType<ExactSmaNode>().Select(n => n.Key).Should().Equal("sma(close, 20)", "sma(close, 50)");
        strategy.Nodes.OfType<ExactRsiNode>().Select(n => n.Key).Should().Equal("rsi_sma(close, 14)");
        strategy.Nodes.OfType<CrossNode>().Select(n => n.Key).Should().Equal(
            "crossover(sma(close, 20), sma(close, 50))", "crossunder(sma(close, 20), sma(close, 50))");
        strategy.Nodes.OfType<PriceNode>().Should().ContainSingle();
    }

    [Fact]
    public void Calls_are_shared_by_their_normalised_text()
    {
        var strategy = new RuleHarness("SMA( close,20 ) > 1 and sma(CLOSE, 20.0) < 1000000", "ema(close + 1, 5) > sma(close,  20)").Strategy;
        strategy.Nodes.OfType<ExactSmaNode>().Should().ContainSingle().Which.Key.Should().Be("sma(close, 20)");
        strategy.Nodes.OfType<SeriesIndicatorNode>().Should().ContainSingle().Which.Key.Should().Be("ema(close + 1, 5)");
        strategy.Series.Select(s => s.Name).Should().Equal("sma(close, 20)", "ema(close + 1, 5)");
    }

    [Fact]
    public void Outputs_of_one_macd_or_one_set_of_bands_share_the_indicator()
    {
        var strategy = new RuleHarness(
            "macd(close, 12, 26, 9) > macd_signal(close, 12, 26, 9) and close < bb_upper(close, 20, 2)",
            "macd_hist(close, 12, 26, 9) < 0 or close < bb_lower(close, 20, 2) or macd(close, 5, 26, 9) > 0").Strategy;
        strategy.Nodes.OfType<MacdNode>().Select(n => n.Key).Should().Equal("macd*(close, 12, 26, 9)", "macd*(close, 5, 26, 9)");
        strategy.Nodes.OfType<BandsNode>().Should().ContainSingle();
    }

    [Fact]
    public void Every_node_comes_after_the_nodes_it_reads()
    {
        var strategy = new RuleHarness("crossover(ema(close, 3), sma(ema(close, 3), 2)) and prev(rsi(close, 2), 2) > 10",
            "crossunder(ema(close, 3), sma(ema(close, 3), 2))").Strategy;
        var position = strategy.Nodes.Select((n, i) => (n.Key, i)).ToDictionary(x => x.Key, x => x.i);
        position["close"].Should().BeLessThan(position["ema(close, 3)"]);
        position["ema(close, 3)"].Should().BeLessThan(position["sma(ema(close, 3), 2)"]);
        position["sma(ema(close, 3), 2)"].Should().BeLessThan(position["crossover(ema(close, 3), sma(ema(close, 3), 2))"]);
        position["rsi(close, 2)"].Should().BeLessThan(position["prev(rsi(close, 2), 2)"]);
    }
}
