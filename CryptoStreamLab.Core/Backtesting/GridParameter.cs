using System.Text.Json;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// A strategy parameter as a grid names it (<see cref="Key"/>, e.g. <c>fast</c> or <c>entryPeriod</c>) and as a sweep's
/// outputs show it: <c>key=value</c> in text, <see cref="Column"/> in CSV. One name per parameter, so what users type in a
/// grid is what they read back.
/// </summary>
public sealed record GridParameter(StrategyParameter Parameter, string Key)
{
    /// <summary>The CSV column: the key in snake case (<c>rsiPeriod</c> → <c>rsi_period</c>).</summary>
    public string Column => JsonNamingPolicy.SnakeCaseLower.ConvertName(Key);

    /// <summary>Whether a grid can vary it: numbers and choices can, text cannot.</summary>
    public bool IsSweepable => Parameter.Kind != ParameterKind.Text;

    /// <summary>Its value in <paramref name="setup"/>.</summary>
    public object Value(StrategySetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return setup.Parameters is null ? Parameter.Default : StrategyDefinition.Get(Parameter, setup.Parameters);
    }

    /// <summary>Its value in <paramref name="setup"/> as users write it (invariant culture).</summary>
    public string ValueText(StrategySetup setup) => StrategyParameter.Format(Value(setup));

    /// <summary>True when <paramref name="name"/> is its key or its parameter's name (any letter case).</summary>
    public bool IsNamed(string name) =>
        string.Equals(Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(Parameter.Name, name, StringComparison.OrdinalIgnoreCase);
}
