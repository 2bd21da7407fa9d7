using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>The strategies that ship with the app, by the name users pick them with.</summary>
public static class BuiltInStrategies
{
    public static StrategyDefinition CrossoverRsi { get; } = StrategyDefinition.For<CrossoverRsiStrategy>(CrossoverRsiStrategy.TypeName,
        "The seed's moving-average crossover confirmed by RSI.");

    public static StrategyDefinition Rules { get; } = StrategyDefinition.For<RulesStrategy>(RulesStrategy.TypeName,
        "Two rules, Buy and Sell, over candle fields and indicators: sma, ema, rsi, macd, Bollinger, ATR, stochastics, crossover, ….");

    public static IReadOnlyList<StrategyDefinition> All { get; } = [CrossoverRsi, Rules];
}
