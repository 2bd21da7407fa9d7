using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Tests.Fakes;

namespace CryptoStreamLab.Tests.Core.Strategy;

public class StrategyRefusalTests
{
    private static readonly StrategyDefinition TextRule = StrategyDefinition.For<TextRuleStrategy>();

    [Fact]
    public void A_message_that_starts_with_a_parameters_name_belongs_to_that_parameter()
    {
        var refusal = StrategyRefusal.Of(TextRule, new ArgumentException("Buy, column 14: expected a comparison"));

        refusal.Parameter.Should().BeSameAs(TextRule.Find("Buy"));
        refusal.Message.Should().Be("Buy, column 14: expected a comparison");
        StrategyRefusal.Of(TextRule, new ArgumentException("period: too long")).Parameter.Should().BeSameAs(TextRule.Find("Period"), "names are matched in any case");
    }

    [Fact]
    public void Any_other_message_names_no_parameter_and_loses_the_exceptions_parameter_suffix()
    {
        var refusal = StrategyRefusal.Of(TextRule, new ArgumentException("the rule is too long", "parameters"));

        refusal.Parameter.Should().BeNull();
        refusal.Message.Should().Be("the rule is too long");
        StrategyRefusal.Of(TextRule, new ArgumentException("Buyer beware")).Parameter.Should().BeNull("only a whole name counts");
    }
}
