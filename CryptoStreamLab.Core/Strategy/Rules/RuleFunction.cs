namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>What an argument of a rule function must be.</summary>
internal enum ArgumentKind
{
    /// <summary>Any numeric expression.</summary>
    Value,

    /// <summary>A numeric expression or a condition (<c>prev</c>'s x).</summary>
    ValueOrCondition,

    /// <summary>A constant whole number of candles, 1 to <see cref="RuleFunction.MaxPeriod"/>.</summary>
    Period,

    /// <summary>A constant number of standard deviations, above 0 and at most <see cref="RuleFunction.MaxDeviations"/>.</summary>
    Deviations,
}

/// <summary>One function the rule language knows: its name, arguments and how its results are drawn.</summary>
internal sealed record RuleFunction(string Name, string[] ArgumentNames, ArgumentKind[] Arguments, FunctionRole Role)
{
    public const int MaxPeriod = 10_000;
    public const double MaxDeviations = 100;

    /// <summary>As users write it, e.g. <c>sma(x, n)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", ArgumentNames)})";

    private static readonly ArgumentKind[] SeriesAndPeriod = [ArgumentKind.Value, ArgumentKind.Period];
    private static readonly ArgumentKind[] Macd = [ArgumentKind.Value, ArgumentKind.Period, ArgumentKind.Period, ArgumentKind.Period];
    private static readonly ArgumentKind[] Bands = [ArgumentKind.Value, ArgumentKind.Period, ArgumentKind.Deviations];
    private static readonly ArgumentKind[] Two = [ArgumentKind.Value, ArgumentKind.Value];

    /// <summary>Every function, in the order help lists them.</summary>
    public static IReadOnlyList<RuleFunction> All { get; } =
    [
        new("sma", ["x", "n"], SeriesAndPeriod, FunctionRole.PriceIndicator),
        new("ema", ["x", "n"], SeriesAndPeriod, FunctionRole.PriceIndicator),
        new("rsi", ["x", "n"], SeriesAndPeriod, FunctionRole.Oscillator),
        new("rsi_sma", ["x", "n"], SeriesAndPeriod, FunctionRole.Oscillator),
        new("macd", ["x", "fast", "slow", "signal"], Macd, FunctionRole.Oscillator),
        new("macd_signal", ["x", "fast", "slow", "signal"], Macd, FunctionRole.Oscillator),
        new("macd_hist", ["x", "fast", "slow", "signal"], Macd, FunctionRole.Oscillator),
        new("bb_upper", ["x", "n", "k"], Bands, FunctionRole.PriceIndicator),
        new("bb_lower", ["x", "n", "k"], Bands, FunctionRole.PriceIndicator),
        new("atr", ["n"], [ArgumentKind.Period], FunctionRole.Oscillator),
        new("stoch_k", ["n"], [ArgumentKind.Period], FunctionRole.Oscillator),
        new("stoch_d", ["n", "d"], [ArgumentKind.Period, ArgumentKind.Period], FunctionRole.Oscillator),
        new("highest", ["x", "n"], SeriesAndPeriod, FunctionRole.PriceIndicator),
        new("lowest", ["x", "n"], SeriesAndPeriod, FunctionRole.PriceIndicator),
        new("prev", ["x", "k"], [ArgumentKind.ValueOrCondition, ArgumentKind.Period], FunctionRole.Helper),
        new("crossover", ["a", "b"], Two, FunctionRole.Helper),
        new("crossunder", ["a", "b"], Two, FunctionRole.Helper),
        new("abs", ["x"], [ArgumentKind.Value], FunctionRole.Helper),
        new("min", ["a", "b"], Two, FunctionRole.Helper),
        new("max", ["a", "b"], Two, FunctionRole.Helper),
    ];

    /// <summary>"sma, ema, …": the names for an error message.</summary>
    public static string Names { get; } = string.Join(", ", All.Select(f => f.Name));

    public static RuleFunction? Find(string name)
    {
        foreach (var function in All)
        {
            if (function.Name == name) return function;
        }

        return null;
    }
}

/// <summary>How a function's results are drawn.</summary>
internal enum FunctionRole
{
    /// <summary>An indicator on its input's scale: over the candles when its input is a price, else in the panel.</summary>
    PriceIndicator,

    /// <summary>An indicator on a scale of its own (RSI, MACD, stochastics, ATR): in the panel.</summary>
    Oscillator,

    /// <summary>Not an indicator (prev, crossover, abs, …): not drawn.</summary>
    Helper,
}
