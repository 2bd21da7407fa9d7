namespace CryptoStreamLab.Core.Strategy;

/// <summary>The strategies that ship with the app, by the name users pick them with.</summary>
public static class BuiltInStrategies
{
    public static StrategyDefinition CrossoverRsi { get; } = StrategyDefinition.For<CrossoverRsiStrategy>(CrossoverRsiStrategy.TypeName,
        "The seed's moving-average crossover confirmed by RSI.");

    public static IReadOnlyList<StrategyDefinition> All { get; } = [CrossoverRsi];
}
