using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

public class RuleGrammarTests
{
    [Theory]
    [InlineData("1 + 2 * 3 == 7")]
    [InlineData("(1 + 2) * 3 == 9")]
    [InlineData("10 - 4 - 3 == 3")]
    [InlineData("12 / 3 / 2 == 2")]
    [InlineData("2 * 3 + 4 * 5 == 26")]
    [InlineData("-2 * 3 == -6")]
    [InlineData("- -2 == 2")]
    [InlineData("2 - -2 == 4")]
    [InlineData("-(1 + 2) == -3")]
    [InlineData("1 + 1 > 1 * 1")]
    [InlineData("2.5e1 == 25")]
    [InlineData("0.5 + .5 == 1")]
    [InlineData("1 <= 1 and 1 >= 1 and 1 < 2 and 2 > 1 and 1 == 1")]
    [InlineData("not 1 > 2")]
    [InlineData("not not 1 < 2")]
    [InlineData("1 > 2 and 1 > 2 or 1 < 2")]
    [InlineData("1 < 2 or 1 > 2 and 1 > 2")]
    [InlineData("(1 > 2 or 1 < 2) and 1 < 2")]
    [InlineData("abs(-3) == 3 and min(2, 5) == 2 and max(2, 5) == 5")]
    [InlineData("CLOSE > 0 AND Sma(close, 1) == close")]
    [InlineData("  close\t>\n0  ")]
    public void Evaluates_with_the_usual_precedence(string rule) => RuleHarness.Holds(rule).Should().BeTrue(rule);

    [Theory]
    [InlineData("1 + 2 * 3 == 9")]
    [InlineData("not 1 > 2 and 1 > 2")]
    [InlineData("1 > 2 and (1 > 2 or 1 < 2)")]
    [InlineData("not (1 < 2 or 1 > 2)")]
    [InlineData("1 < 1 or 1 > 1")]
    public void Does_not_hold_when_false(string rule) => RuleHarness.Holds(rule).Should().BeFalse(rule);

    [Fact]
    public void Reads_every_candle_field()
    {
        var candle = RuleHarness.Candle(close: 2, open: 1, high: 4, low: 0.5m, volume: 10);
        RuleHarness.Holds("open == 1 and high == 4 and low == 0.5 and close == 2 and volume == 10", candle).Should().BeTrue();
        RuleHarness.Holds("(high + low) / 2 == 2.25 and close - open == 1", candle).Should().BeTrue();
        // A price is the double nearest to it, as the number written in the rule is.
        RuleHarness.Holds("close == 59.45 and open == 0.3 and high == 59.450001 and low == 0.1", RuleHarness.Candle(59.45m, 0.3m, 59.450001m, 0.1m))
            .Should().BeTrue();
    }

    [Theory]
    [InlineData("sma(close, 3) > 0")]
    [InlineData("ema(close, 3) > 0")]
    [InlineData("rsi(close, 3) >= 0")]
    [InlineData("rsi_sma(close, 3) >= 0")]
    [InlineData("macd(close, 2, 3, 2) < 1000")]
    [InlineData("macd_signal(close, 2, 3, 2) < 1000")]
    [InlineData("macd_hist(close, 2, 3, 2) < 1000")]
    [InlineData("bb_upper(close, 3, 2) >= close - 100")]
    [InlineData("bb_lower(close, 3, 2.5) <= close + 100")]
    [InlineData("atr(3) >= 0")]
    [InlineData("stoch_k(3) >= 0")]
    [InlineData("stoch_d(3, 2) >= 0")]
    [InlineData("highest(close, 3) >= close")]
    [InlineData("lowest(close, 3) <= close")]
    [InlineData("prev(close, 2) > 0")]
    [InlineData("crossover(close, 100) or 1 < 2")]
    [InlineData("crossunder(close, 100) or 1 < 2")]
    [InlineData("abs(close) > 0")]
    [InlineData("min(close, 1000) > 0 and max(close, 0) > 0")]
    [InlineData("sma(ema(close, 2) - volume, 2) < 1000 and rsi(sma(close, 2), 2) >= 0 and ema(rsi(close, 2), 2) >= 0")]
    [InlineData("sma(volume, 2) > 0 and rsi_sma(volume, 2) >= 0 and highest(high, 2) >= lowest(low, 2)")]
    public void Every_function_parses_and_becomes_ready(string rule)
    {
        RuleExpression.Check(rule, "Buy").Should().BeNull();
        var harness = new RuleHarness(rule);
        var signals = Enumerable.Range(0, 12).Select(i => harness.Close(100 + (i % 3) - (i % 5))).ToList();
        signals[^1].Should().Be(CryptoStreamLab.Core.Strategy.Signal.Buy, rule);
    }

    [Fact]
    public void Lists_every_function_for_help() =>
        RuleExpression.Functions.Should().Equal("sma(x, n)", "ema(x, n)", "rsi(x, n)", "rsi_sma(x, n)", "macd(x, fast, slow, signal)",
            "macd_signal(x, fast, slow, signal)", "macd_hist(x, fast, slow, signal)", "bb_upper(x, n, k)", "bb_lower(x, n, k)", "atr(n)",
            "stoch_k(n)", "stoch_d(n, d)", "highest(x, n)", "lowest(x, n)", "prev(x, k)", "crossover(a, b)", "crossunder(a, b)", "abs(x)",
            "min(a, b)", "max(a, b)");
}
