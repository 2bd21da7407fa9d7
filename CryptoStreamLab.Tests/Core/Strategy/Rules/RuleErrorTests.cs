using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

public class RuleErrorTests
{
    [Theory]
    [InlineData("sma(close, 20", "Buy, column 14: expected ')' to close sma(")]
    [InlineData("sma(close, 20 > 1", "Buy, column 18: expected ')' to close sma(")]
    [InlineData("sma(close 20) > 1", "Buy, column 11: expected ')' to close sma(")]
    [InlineData("(close > 1", "Buy, column 11: expected ')' to close the '(' at column 1")]
    [InlineData("close > (1 + (2)", "Buy, column 17: expected ')' to close the '(' at column 9")]
    [InlineData("close > 1)", "Buy, column 10: expected an operator, 'and', 'or' or the end, found ')'")]
    [InlineData("close > 1 close", "Buy, column 11: expected an operator, 'and', 'or' or the end, found 'c'")]
    [InlineData("close = 1", "Buy, column 7: expected an operator, 'and', 'or' or the end, found '='")]
    [InlineData("", "Buy, column 1: expected a condition such as 'close > sma(close, 20)', found an empty rule")]
    [InlineData("   ", "Buy, column 1: expected a condition")]
    [InlineData("> 1", "Buy, column 1: expected a value, found '>'")]
    [InlineData("close >", "Buy, column 8: expected a value after '>'")]
    [InlineData("close > 1 and", "Buy, column 14: expected a condition after 'and'")]
    [InlineData("close > 1 or   ", "Buy, column 13: expected a condition after 'or'")]
    [InlineData("not", "Buy, column 4: expected a condition after 'not'")]
    [InlineData("close > -", "Buy, column 10: expected a value after '-'")]
    [InlineData("sma(close, ) > 1", "Buy, column 12: expected an argument after ','")]
    [InlineData("smaa(close, 20) > 1", "Buy, column 1: unknown function 'smaa'; known: sma, ema, rsi, rsi_sma, macd, macd_signal, macd_hist, bb_upper, bb_lower, atr, stoch_k, stoch_d, highest, lowest, prev, crossover, crossunder, abs, min, max")]
    [InlineData("close > cloze", "Buy, column 9: unknown name 'cloze'; expected a candle field (open, high, low, close, volume)")]
    [InlineData("close > sma", "Buy, column 9: expected '(' and arguments after sma: sma(x, n)")]
    [InlineData("sma(close) > 1", "Buy, column 1: expected 2 arguments for sma(x, n), found 1")]
    [InlineData("close > atr(14, 3)", "Buy, column 9: expected 1 argument for atr(n), found 2")]
    [InlineData("abs() > 1", "Buy, column 1: expected 1 argument for abs(x), found 0")]
    [InlineData("sma(close, close) > 1", "Buy, column 12: expected a constant whole number for sma's n, found close")]
    [InlineData("prev(close, 1 + 1) > 1", "Buy, column 13: expected a constant whole number for prev's k, found 1 + 1")]
    [InlineData("sma(close, 0) > 1", "Buy, column 12: expected a whole number from 1 to 10000 for sma's n, found 0")]
    [InlineData("sma(close, -3) > 1", "Buy, column 12: expected a whole number from 1 to 10000 for sma's n, found -3")]
    [InlineData("sma(close, 2.5) > 1", "Buy, column 12: expected a whole number from 1 to 10000 for sma's n, found 2.5")]
    [InlineData("stoch_d(14, 10001) > 1", "Buy, column 13: expected a whole number from 1 to 10000 for stoch_d's d, found 10001")]
    [InlineData("bb_upper(close, 20, 0) > 1", "Buy, column 21: expected a number above 0 and at most 100 for bb_upper's k, found 0")]
    [InlineData("bb_lower(close, 20, high) > 1", "Buy, column 21: expected a constant number for bb_lower's k, found high")]
    [InlineData("macd(close, 26, 12, 9) > 0", "Buy, column 13: expected macd's fast period to be shorter than its slow one, found 26 and 12")]
    [InlineData("close + 1", "Buy, column 1: expected a condition (a comparison, crossover, crossunder, and, or, not), found the number close + 1")]
    [InlineData("close > 1 and 2", "Buy, column 15: expected a condition (a comparison, crossover, crossunder, and, or, not), found the number 2")]
    [InlineData("crossover(close, 1) + 1 > 0", "Buy, column 1: expected a number, found the condition crossover(close, 1)")]
    [InlineData("sma(close > 1, 2) > 0", "Buy, column 5: expected a number, found the condition close > 1")]
    [InlineData("1 < 2 < 3", "Buy, column 1: expected a number, found the condition 1 < 2")]
    [InlineData("not close", "Buy, column 5: expected a condition (a comparison, crossover, crossunder, and, or, not), found the number close")]
    [InlineData("close > 1\n  and sma(close, 0) > 1", "Buy, line 2, column 18: expected a whole number from 1 to 10000 for sma's n, found 0")]
    public void A_bad_rule_is_reported_with_its_part_column_and_what_was_expected(string rule, string message)
    {
        RuleExpression.Check(rule, "Buy").Should().StartWith(message);
        var build = () => new RulesStrategy(new RulesParameters { Buy = rule, Sell = "close < 1" });
        build.Should().Throw<ArgumentException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void A_rule_too_long_or_too_deeply_nested_is_refused_without_exhausting_the_stack()
    {
        var longRule = string.Join(" + ", Enumerable.Repeat("close", 200)) + " > 1";
        RuleExpression.Check(longRule, "Buy").Should().Be($"Buy, column 1001: expected a rule of at most 1000 characters, found {longRule.Length}");

        // On a 256 KB stack (a sixth of a worker thread's), the deepest rules the length allows are read or refused, never a crash.
        string?[] results = new string?[3];
        var thread = new Thread(() =>
        {
            results[0] = RuleExpression.Check(new string('(', 495) + "close" + new string(')', 495) + " > 1", "Buy");
            results[1] = RuleExpression.Check(string.Concat(Enumerable.Repeat("1+", 495)) + "1 > 1", "Buy");
            results[2] = RuleExpression.Check(string.Concat(Enumerable.Repeat("not ", 247)) + "close > 1", "Buy");
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        results.Should().AllSatisfy(r => (r ?? "Buy, column").Should().StartWith("Buy, column ").And.NotContain("characters"));
    }

    [Fact]
    public void The_sell_rule_is_named_in_its_errors()
    {
        var build = () => new RulesStrategy(new RulesParameters { Buy = "close > 1", Sell = "close < sma(close, 20" });
        build.Should().Throw<ArgumentException>().WithMessage("Sell, column 22: expected ')' to close sma(");
    }

    [Fact]
    public void The_definition_passes_the_message_through()
    {
        var create = () => BuiltInStrategies.Rules.Create(new RulesParameters { Buy = "smaa(close, 2) > 1", Sell = "close < 1" });
        create.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("Buy, column 1: unknown function 'smaa'; known: sma, ema,");
        var empty = () => BuiltInStrategies.Rules.Create(null);
        empty.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("Buy, column 1: expected a condition");
    }

    [Fact]
    public void A_good_rule_checks_clean()
    {
        RuleExpression.Check(SeedRules.Buy, "Buy").Should().BeNull();
        RuleExpression.Check(SeedRules.Sell, "Sell").Should().BeNull();
        BuiltInStrategies.All.Should().Contain(BuiltInStrategies.Rules);
        BuiltInStrategies.Rules.Name.Should().Be("Rules");
        BuiltInStrategies.Rules.Parameters.Select(p => (p.Name, p.Kind)).Should().Equal(("Buy", ParameterKind.Text), ("Sell", ParameterKind.Text));
    }
}
