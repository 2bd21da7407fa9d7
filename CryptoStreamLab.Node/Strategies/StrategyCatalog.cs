using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>Every strategy users can pick by name: the built-ins, then the classes compiled from the strategies folder.</summary>
public sealed class StrategyCatalog
{
    public StrategyCatalog(IEnumerable<StrategyDefinition>? compiled = null) =>
        All = [.. BuiltInStrategies.All, .. compiled ?? []];

    /// <summary>Only the built-ins.</summary>
    public static StrategyCatalog BuiltIn { get; } = new();

    public IReadOnlyList<StrategyDefinition> All { get; }

    /// <summary>The strategy called <paramref name="name"/> (case-insensitive), or null.</summary>
    public StrategyDefinition? Find(string? name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for messages that list what there is.</summary>
    public string Names => string.Join(", ", All.Select(d => d.Name));
}
