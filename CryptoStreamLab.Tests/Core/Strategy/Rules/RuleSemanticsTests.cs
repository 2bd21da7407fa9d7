using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

public class RuleSemanticsTests
{
    [Fact]
    public void Prev_is_the_value_k_closed_candles_ago_and_not_ready_before()
    {
        RuleHarness.Over("prev(close, 2) == close - 2", 1, 2, 3, 4, 5).Should().Equal(false, false, true, true, true);
        RuleHarness.Over("prev(close, 1) < close", 1, 2, 2, 3).Should().Equal(false, true, false, true);
    }

    [Fact]
    public void Prev_of_a_condition_is_false_before_it_has_history()
    {
        RuleHarness.Over("prev(close > 2, 1)", 3, 3, 1, 1).Should().Equal(false, true, true, false);
        RuleHarness.Over("not prev(close > 2, 1)", 3, 3).Should().Equal(true, false);
    }

    [Fact]
    public void Crossover_needs_a_strict_change_from_below_to_above()
    {
        RuleHarness.Over("crossover(close, 5)", 4, 6, 7, 4, 6).Should().Equal(false, true, false, false, true);
        // Touching the level is no cross, in either direction.
        RuleHarness.Over("crossover(close, 5)", 4, 5, 6, 5, 6).Should().Equal(false, false, false, false, false);
    }

    [Fact]
    public void Crossunder_needs_a_strict_change_from_above_to_below()
    {
        RuleHarness.Over("crossunder(close, 5)", 6, 4, 3, 6, 4).Should().Equal(false, true, false, false, true);
        RuleHarness.Over("crossunder(close, 5)", 6, 5, 4).Should().Equal(false, false, false);
    }

    [Fact]
    public void Crossover_of_two_indicators_waits_until_both_are_ready_on_the_candle_before()
    {
        // sma(close, 1) is close; sma(close, 3) is ready from the third candle, so the earliest cross is the fourth.
        RuleHarness.Over("crossover(sma(close, 1), sma(close, 3))", 3, 3, 0, 5, 5, 1, 9).Should().Equal(false, false, false, true, false, false, true);
    }

    [Fact]
    public void A_value_not_ready_makes_every_comparison_false_and_not_negates_it()
    {
        RuleHarness.Over("sma(close, 3) > 0", 1, 1, 1).Should().Equal(false, false, true);
        RuleHarness.Over("sma(close, 3) <= 0 or sma(close, 3) == sma(close, 3)", 1, 1, 1).Should().Equal(false, false, true);
        RuleHarness.Over("not sma(close, 3) > 0", 1, 1, 1).Should().Equal(true, true, false);
        RuleHarness.Over("sma(close, 3) + 1 > 0 or ema(close, 3) * 2 < 0", 1, 1, 1).Should().Equal(false, false, true);
    }

    [Fact]
    public void Buys_sells_and_holds_when_both_rules_hold()
    {
        var harness = new RuleHarness("close > 5", "close < 10");
        harness.Close(3).Should().Be(Signal.Sell);
        harness.Close(7).Should().Be(Signal.Hold, "both rules hold: no signal");
        harness.Close(12).Should().Be(Signal.Buy);
        var strategy = harness.Strategy;
        var values = SeriesValues.Empty;
        strategy.OnCandle(RuleHarness.Candle(20), values).Reason.Should().Be(RulesStrategy.BuyReason).And.Be("Buy rule");
        strategy.OnCandle(RuleHarness.Candle(1), values).Reason.Should().Be(RulesStrategy.SellReason).And.Be("Sell rule");
    }

    [Fact]
    public void Preview_evaluates_the_open_candle_without_committing_it()
    {
        var harness = new RuleHarness("crossover(close, sma(close, 2))");
        harness.Close(10);
        harness.Close(8);
        harness.Preview(20).Should().Be(Signal.Buy);
        harness.Series[0].Should().Be(14, "sma(close, 2) of 8 and the previewed 20");
        harness.Preview(7).Should().Be(Signal.Hold);
        harness.Series[0].Should().Be(7.5);
        harness.Close(20).Should().Be(Signal.Buy, "previews left the committed state as it was");
        harness.Series[0].Should().Be(14);
        harness.Close(30).Should().Be(Signal.Hold);
        harness.Series[0].Should().Be(25);
    }

    [Fact]
    public void Preview_of_prev_and_macd_leaves_the_history_alone()
    {
        var committed = new RuleHarness("prev(close, 1) < close and macd_hist(close, 2, 3, 2) > -1000");
        var previewed = new RuleHarness("prev(close, 1) < close and macd_hist(close, 2, 3, 2) > -1000");
        decimal[] closes = [5, 4, 6, 8, 7, 9, 12, 11, 10, 13];
        foreach (var close in closes)
        {
            previewed.Preview(close * 3);
            previewed.Preview(close / 2);
            previewed.Close(close).Should().Be(committed.Close(close));
            previewed.Series.Should().Be(committed.Series);
        }
    }

    [Fact]
    public void Series_are_the_distinct_indicator_calls_over_the_candles_or_in_the_panel()
    {
        var strategy = new RuleHarness(SeedRules.Buy, SeedRules.Sell).Strategy;
        strategy.Series.Select(s => (s.Name, s.Pane)).Should().Equal(
            ("sma(close, 20)", SeriesPane.Overlay), ("sma(close, 50)", SeriesPane.Overlay), ("rsi_sma(close, 14)", SeriesPane.Panel));
        strategy.Series[2].Guides.Should().Equal(50, 70);

        var mixed = new RuleHarness("ema(sma(close, 2), 3) > bb_upper(high, 5, 2) and sma(volume, 5) > 0 and sma(rsi(close, 3), 2) > atr(4)").Strategy;
        mixed.Series.Select(s => (s.Name, s.Pane)).Should().Equal(
            ("sma(close, 2)", SeriesPane.Overlay), ("ema(sma(close, 2), 3)", SeriesPane.Overlay), ("bb_upper(high, 5, 2)", SeriesPane.Overlay),
            ("sma(volume, 5)", SeriesPane.Panel), ("rsi(close, 3)", SeriesPane.Panel), ("sma(rsi(close, 3), 2)", SeriesPane.Panel),
            ("atr(4)", SeriesPane.Panel));
    }

    [Fact]
    public void Draws_at_most_the_first_eight_indicator_calls()
    {
        var rule = string.Join(" and ", Enumerable.Range(1, 10).Select(n => $"sma(close, {n}) > 0"));
        var harness = new RuleHarness(rule);
        harness.Strategy.Series.Should().HaveCount(SeriesValues.Capacity);
        harness.Strategy.Series[^1].Name.Should().Be("sma(close, 8)");
        for (var i = 0; i < 10; i++) harness.Close(10 + i);
        ((ReadOnlySpan<double>)harness.Series).ToArray().Should().Equal(19, 18.5, 18, 17.5, 17, 16.5, 16, 15.5);
    }

    [Fact]
    public void Warm_up_is_the_longest_chain_of_warm_ups()
    {
        new RuleHarness("sma(close, 20) > 0", "sma(close, 5) > 0").Strategy.WarmUpPeriod.Should().Be(20);
        new RuleHarness("prev(sma(close, 20), 3) > 0").Strategy.WarmUpPeriod.Should().Be(23);
        new RuleHarness("sma(sma(close, 20), 10) > 0", "rsi_sma(close, 14) > 50").Strategy.WarmUpPeriod.Should().Be(30);
        new RuleHarness(SeedRules.Buy, SeedRules.Sell).Strategy.WarmUpPeriod.Should().Be(51, "sma(close, 50) the candle before");
        new RuleHarness("rsi(close, 14) > 50").Strategy.WarmUpPeriod.Should().Be(CrossoverRsiStrategy.WilderPeriods * 14);
        new RuleHarness("1 > 0").Strategy.WarmUpPeriod.Should().Be(0);
    }
}
