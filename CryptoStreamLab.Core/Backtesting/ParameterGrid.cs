using System.Globalization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// A grid of strategy parameter sets, every combination of the values given per parameter. Syntax:
/// <code>
/// grid   = axis *( ";" axis )              fast=10:30:5;slow=40:80:10;buyRsiMin=45,50
/// axis   = name "=" item *( "," item )
/// item   = number / start ":" stop ":" step   (stop included when the steps reach it)
/// name   = fast / slow / rsiPeriod / buyRsiMin / buyRsiMax / sellRsiMin   (any letter case)
/// </code>
/// Parameters not named keep the baseline's value. Combinations the engine would refuse (fast ≥ slow,
/// BuyRsiMin ≥ BuyRsiMax, …) are skipped and counted, not run.
/// </summary>
public sealed class ParameterGrid
{
    /// <summary>A sweep larger than this is almost certainly a typo in a step.</summary>
    public const int MaxSets = 10_000;

    public const string Example = "fast=10:30:5;slow=40:80:10;buyRsiMin=45,50;sellRsiMin=65,70";

    private static readonly Parameter[] Parameters =
    [
        new("fast", true, (o, v) => o.FastPeriod = (int)v),
        new("slow", true, (o, v) => o.SlowPeriod = (int)v),
        new("rsiPeriod", true, (o, v) => o.RsiPeriod = (int)v),
        new("buyRsiMin", false, (o, v) => o.BuyRsiMin = (double)v),
        new("buyRsiMax", false, (o, v) => o.BuyRsiMax = (double)v),
        new("sellRsiMin", false, (o, v) => o.SellRsiMin = (double)v),
    ];

    private ParameterGrid(IReadOnlyList<StrategyOptions> sets, int skipped, string? firstSkipReason)
    {
        Sets = sets;
        Skipped = skipped;
        FirstSkipReason = firstSkipReason;
    }

    /// <summary>The valid parameter sets, in grid order (the first axis varies slowest).</summary>
    public IReadOnlyList<StrategyOptions> Sets { get; }

    /// <summary>Combinations left out because the engine would refuse them.</summary>
    public int Skipped { get; }

    /// <summary>Why the first skipped combination was refused, to show the user; null when none was.</summary>
    public string? FirstSkipReason { get; }

    public static IReadOnlyList<string> Names { get; } = Parameters.Select(p => p.Name).ToArray();

    /// <exception cref="FormatException">The text is not a usable grid; the message says where and why.</exception>
    public static ParameterGrid Parse(string text, EngineSettings baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException($"the sweep is empty; write it as {Example}.");

        var axes = new List<(Parameter Parameter, decimal[] Values)>();
        foreach (var axisText in text.Split(';', StringSplitOptions.TrimEntries))
        {
            if (axisText.Length == 0) continue; // a trailing ';' is harmless
            var axis = ParseAxis(axisText);
            if (axes.Any(a => a.Parameter == axis.Parameter))
                throw new FormatException($"'{axis.Parameter.Name}' is given twice; put all its values in one list.");
            axes.Add(axis);
        }

        if (axes.Count == 0) throw new FormatException($"the sweep names no parameter; write it as {Example}.");

        var combinations = axes.Aggregate(1L, (product, axis) => product * axis.Values.Length);
        if (combinations > MaxSets)
        {
            throw new FormatException(
                $"the grid has {combinations} combinations ({string.Join(" × ", axes.Select(a => $"{a.Values.Length} {a.Parameter.Name}"))}), more than the {MaxSets} a sweep runs.");
        }

        return Expand(axes, baseline, (int)combinations);
    }

    private static ParameterGrid Expand(List<(Parameter Parameter, decimal[] Values)> axes, EngineSettings baseline, int combinations)
    {
        var sets = new List<StrategyOptions>(combinations);
        var skipped = 0;
        string? firstSkipReason = null;
        var position = new int[axes.Count];
        for (var n = 0; n < combinations; n++)
        {
            var options = baseline.Strategy.Clone();
            for (var a = 0; a < axes.Count; a++) axes[a].Parameter.Apply(options, axes[a].Values[position[a]]);

            var problem = (baseline with { Strategy = options }).Validate().FirstOrDefault();
            if (problem is null) sets.Add(options);
            else
            {
                skipped++;
                firstSkipReason ??= problem;
            }

            // Odometer: the last axis turns fastest.
            for (var a = axes.Count - 1; a >= 0 && ++position[a] == axes[a].Values.Length; a--) position[a] = 0;
        }

        if (sets.Count == 0)
            throw new FormatException($"none of the grid's {combinations} combinations is valid, e.g. {firstSkipReason}");
        return new ParameterGrid(sets, skipped, firstSkipReason);
    }

    private static (Parameter Parameter, decimal[] Values) ParseAxis(string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw new FormatException($"'{text}' must have the form name=values, e.g. fast=10:30:5.");

        var name = text[..equals].Trim();
        var parameter = Array.Find(Parameters, p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw new FormatException($"unknown parameter '{name}'; use {string.Join(", ", Names)}.");

        var values = new List<decimal>();
        foreach (var item in text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (item.Length == 0) throw new FormatException($"{parameter.Name}: an empty value in '{text}'.");
            if (item.Contains(':')) values.AddRange(ParseRange(parameter, item));
            else values.Add(ParseNumber(parameter, item, item));
        }

        return (parameter, values.Distinct().ToArray());
    }

    private static IEnumerable<decimal> ParseRange(Parameter parameter, string item)
    {
        var parts = item.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3) throw new FormatException($"{parameter.Name}: the range '{item}' must be start:stop:step, e.g. 10:30:5.");
        var start = ParseNumber(parameter, parts[0], item);
        var stop = ParseNumber(parameter, parts[1], item);
        var step = ParseNumber(parameter, parts[2], item);
        if (step <= 0) throw new FormatException($"{parameter.Name}: the step in '{item}' must be above 0.");
        if (start > stop) throw new FormatException($"{parameter.Name}: the start in '{item}' is above the stop.");
        if ((stop - start) / step >= MaxSets) throw new FormatException($"{parameter.Name}: '{item}' has more than {MaxSets} values.");

        // Decimal steps land exactly on values such as 45.5 that repeated double additions would miss.
        var values = new List<decimal>();
        for (var value = start; value <= stop; value += step) values.Add(value);
        return values;
    }

    private static decimal ParseNumber(Parameter parameter, string text, string item)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"{parameter.Name}: '{text}' in '{item}' is not a number.");
        if (parameter.IsWhole && (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue))
            throw new FormatException($"{parameter.Name}: '{text}' in '{item}' must be a whole number.");
        return value;
    }

    private sealed record Parameter(string Name, bool IsWhole, Action<StrategyOptions, decimal> Apply);
}
