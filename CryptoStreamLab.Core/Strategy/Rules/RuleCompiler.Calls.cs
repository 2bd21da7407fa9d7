using CryptoStreamLab.Core.Indicators;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>Function calls: each checked against <see cref="RuleFunction"/> and built into its node.</summary>
internal sealed partial class RuleCompiler
{
    private RuleNode Call(CallSyntax call)
    {
        var name = call.Name.ToLowerInvariant();
        var function = RuleFunction.Find(name) ?? throw Error(call, $"unknown function '{call.Name}'; known: {RuleFunction.Names}");
        var count = function.Arguments.Length;
        if (call.Arguments.Count != count)
            throw Error(call, $"expected {count} argument{(count == 1 ? "" : "s")} for {function.Signature}, found {call.Arguments.Count}");

        var inputs = new RuleNode?[count];
        var constants = new double[count];
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var argument = call.Arguments[i];
            switch (function.Arguments[i])
            {
                case ArgumentKind.Value:
                    inputs[i] = Expect(argument, RuleKind.Number);
                    break;
                case ArgumentKind.ValueOrCondition:
                    inputs[i] = Bind(argument);
                    break;
                case ArgumentKind.Period:
                    constants[i] = Period(function, i, argument);
                    break;
                default:
                    constants[i] = Deviations(function, i, argument);
                    break;
            }

            texts[i] = inputs[i]?.Key ?? Format(constants[i]);
        }

        if (name.StartsWith("macd", StringComparison.Ordinal) && constants[1] >= constants[2])
            throw Error(call.Arguments[1], $"expected {name}'s fast period to be shorter than its slow one, found {Format(constants[1])} and {Format(constants[2])}");

        var key = $"{name}({string.Join(", ", texts)})";
        if (Find(key) is { } existing) return existing;
        var node = Add(Build(key, name, inputs, constants));
        var input = inputs[0];
        if (function.Role != FunctionRole.Helper)
        {
            var overlay = function.Role == FunctionRole.PriceIndicator && _priceScale.Contains(input!);
            if (overlay) _priceScale.Add(node);
            _series.Add(new RuleSeries(node, overlay));
        }
        else if (name is "min" or "max" && _priceScale.Contains(input!) && _priceScale.Contains(inputs[1]!))
        {
            _priceScale.Add(node);
        }

        return node;
    }

    /// <summary>The node for a checked call, from its expression arguments (<paramref name="inputs"/>) and constants.</summary>
    private RuleNode Build(string key, string name, RuleNode?[] inputs, double[] constants)
    {
        var x = inputs[0]!;
        var y = inputs.Length > 1 ? inputs[1]! : null!;
        var first = (int)constants[0];
        var period = constants.Length > 1 ? (int)constants[1] : 0;
        var exact = inputs[0] is PriceNode { IsPrice: true } price && name is "sma" or "rsi" or "rsi_sma" ? price : null;
        return name switch
        {
            "sma" when exact is not null => new ExactSmaNode(key, exact, period),
            "sma" => Indicator(key, new Sma(period), x),
            "ema" => Indicator(key, new Ema(period), x),
            "rsi" when exact is not null => new ExactRsiNode(key, exact, period, RsiMethod.Wilder, WilderWarmUp(period)),
            "rsi" => new SeriesIndicatorNode(key, new Rsi(period, RsiMethod.Wilder), x, WilderWarmUp(period)),
            "rsi_sma" when exact is not null => new ExactRsiNode(key, exact, period, RsiMethod.Simple, period + 1),
            "rsi_sma" => Indicator(key, new Rsi(period, RsiMethod.Simple), x),
            "macd" => new MacdPartNode(key, Macd(x, constants), MacdPart.Line),
            "macd_signal" => new MacdPartNode(key, Macd(x, constants), MacdPart.Signal),
            "macd_hist" => new MacdPartNode(key, Macd(x, constants), MacdPart.Histogram),
            "bb_upper" => new BandPartNode(key, Bands(x, constants), upper: true),
            "bb_lower" => new BandPartNode(key, Bands(x, constants), upper: false),
            "atr" => new AtrNode(key, new Atr(first)),
            "stoch_k" => new StochasticKNode(key, new StochasticK(first)),
            "stoch_d" => new StochasticDNode(key, new StochasticD(first, period)),
            "highest" => Indicator(key, new Highest(period), x),
            "lowest" => Indicator(key, new Lowest(period), x),
            "prev" => new PrevNode(key, x, period),
            "crossover" => new CrossNode(key, x, y, upward: true),
            "crossunder" => new CrossNode(key, x, y, upward: false),
            "abs" => new UnaryNode(key, RuleKind.Number, RuleUnary.Abs, x),
            "min" => new BinaryNode(key, RuleKind.Number, RuleOperator.Min, x, y),
            _ => new BinaryNode(key, RuleKind.Number, RuleOperator.Max, x, y),
        };
    }

    private static SeriesIndicatorNode Indicator(string key, ISeriesIndicator indicator, RuleNode input) =>
        new(key, indicator, input, indicator.WarmUpPeriod);

    /// <summary>Wilder's RSI is warmed over <see cref="CrossoverRsiStrategy.WilderPeriods"/> periods, as the built-in strategy's is.</summary>
    private static int WilderWarmUp(int period) => CrossoverRsiStrategy.WilderPeriods * period;

    /// <summary>The one <see cref="Indicators.Macd"/> for these arguments, whichever output is read.</summary>
    private MacdNode Macd(RuleNode x, double[] periods)
    {
        var key = $"macd*({x.Key}, {Format(periods[1])}, {Format(periods[2])}, {Format(periods[3])})";
        return (MacdNode)(Find(key) ?? Add(new MacdNode(key, x, new Macd((int)periods[1], (int)periods[2], (int)periods[3]))));
    }

    /// <summary>The one <see cref="BollingerBands"/> for these arguments, whichever band is read.</summary>
    private BandsNode Bands(RuleNode x, double[] constants)
    {
        var key = $"bb*({x.Key}, {Format(constants[1])}, {Format(constants[2])})";
        return (BandsNode)(Find(key) ?? Add(new BandsNode(key, x, new BollingerBands((int)constants[1], constants[2]))));
    }

    private int Period(RuleFunction function, int index, RuleSyntax argument)
    {
        var value = ConstantOf(function, index, argument, "whole number");
        if (value != Math.Floor(value) || value < 1 || value > RuleFunction.MaxPeriod)
            throw Error(argument, $"expected a whole number from 1 to {RuleFunction.MaxPeriod} for {Describe(function, index)}, found {Format(value)}");
        return (int)value;
    }

    private double Deviations(RuleFunction function, int index, RuleSyntax argument)
    {
        var value = ConstantOf(function, index, argument, "number");
        if (!(value > 0) || value > RuleFunction.MaxDeviations)
            throw Error(argument, $"expected a number above 0 and at most {Format(RuleFunction.MaxDeviations)} for {Describe(function, index)}, found {Format(value)}");
        return value;
    }

    /// <summary>A constant argument: a number, or a negated one (which the range check then refuses).</summary>
    private double ConstantOf(RuleFunction function, int index, RuleSyntax argument, string what) => argument switch
    {
        NumberSyntax number => number.Value,
        UnarySyntax { Operator: "-", Operand: NumberSyntax number } => -number.Value,
        _ => throw Error(argument, $"expected a constant {what} for {Describe(function, index)}, found {RuleSyntaxText.Of(argument)}"),
    };

    private static string Describe(RuleFunction function, int index) => $"{function.Name}'s {function.ArgumentNames[index]}";
}
