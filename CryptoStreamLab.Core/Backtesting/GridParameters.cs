using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// The names grids and sweep outputs give a strategy's parameters: the parameter's name in camel case
/// (<c>EntryPeriod</c> → <c>entryPeriod</c>), except the seed's two short names <c>fast</c> and <c>slow</c>, which its grids,
/// outputs and docs have always used. A grid may also give a parameter's own name, in any letter case.
/// </summary>
public static class GridParameters
{
    private static readonly Dictionary<string, string> SeedKeys = new(StringComparer.Ordinal)
    {
        [nameof(StrategyOptions.FastPeriod)] = "fast",
        [nameof(StrategyOptions.SlowPeriod)] = "slow",
    };

    /// <summary>Every declared parameter, text ones included, in declaration order.</summary>
    public static IReadOnlyList<GridParameter> All(StrategyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var seed = definition.Type == typeof(CrossoverRsiStrategy);
        return definition.Parameters
            .Select(p => new GridParameter(p, seed && SeedKeys.TryGetValue(p.Name, out var key) ? key : JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .ToArray();
    }

    /// <summary>The parameters a grid can vary (numbers and choices), in declaration order: a sweep's CSV columns.</summary>
    public static IReadOnlyList<GridParameter> Sweepable(StrategyDefinition definition) => All(definition).Where(p => p.IsSweepable).ToArray();

    /// <summary>The parameter called <paramref name="name"/> (its key or its name, any letter case), or null.</summary>
    public static GridParameter? Find(StrategyDefinition definition, string name) => All(definition).FirstOrDefault(p => p.IsNamed(name.Trim()));

    /// <summary>
    /// The parameters a line of text or a walk-forward row shows for a set of <paramref name="sets"/>: every number, and a
    /// choice only where the sets do not all share one value (a constant choice would repeat on every line).
    /// </summary>
    public static IReadOnlyList<GridParameter> Shown(StrategyDefinition definition, IReadOnlyCollection<StrategySetup> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return Sweepable(definition)
            .Where(p => p.Parameter.Kind != ParameterKind.Choice || sets.Select(p.Value).Distinct().Skip(1).Any())
            .ToArray();
    }

    /// <summary><c>key=value</c> for each of <paramref name="columns"/>, space-separated: <c>fast=25 slow=40 …</c>.</summary>
    public static string Describe(StrategySetup setup, IReadOnlyList<GridParameter> columns) =>
        string.Join(" ", columns.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.ValueText(setup)}")));
}
