using System.Globalization;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// A small grid around a strategy's defaults, to start from: its first two whole-number or choice parameters, a whole number
/// as a range of three values centred on its default (within its bounds), a choice with all its names; a strategy with
/// neither gets its first number at its default. Empty when nothing can be swept.
/// </summary>
internal static class GridExample
{
    public static string For(StrategyDefinition definition)
    {
        var sweepable = GridParameters.Sweepable(definition);
        var picked = sweepable.Where(p => p.Parameter.Kind != ParameterKind.Number).Take(2).ToList();
        if (picked.Count == 0) picked = sweepable.Take(1).ToList();
        return string.Join(";", picked.Select(Axis));
    }

    private static string Axis(GridParameter parameter)
    {
        var p = parameter.Parameter;
        switch (p.Kind)
        {
            case ParameterKind.Choice:
                return $"{parameter.Key}={string.Join(",", p.Choices)}";
            case ParameterKind.Integer:
                var value = (int)p.Default;
                var step = Math.Max(1, value / 4);
                var from = (long)Math.Max(p.Min, value - step);
                var to = (long)Math.Min(p.Max, value + (long)step);
                return string.Create(CultureInfo.InvariantCulture, $"{parameter.Key}={from}:{to}:{step}");
            default:
                return $"{parameter.Key}={p.DefaultText}";
        }
    }
}
