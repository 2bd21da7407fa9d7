using System.Globalization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// A grid of parameter sets of one strategy, every combination of the values given per parameter. Syntax:
/// <code>
/// grid   = axis *( ";" axis )              fast=10:30:5;slow=40:80:10;buyRsiMin=45,50
/// axis   = name "=" item *( "," item )
/// item   = number / start ":" stop ":" step   (stop included when the steps reach it)
///        / choice                             rsiMethod=Simple,Wilder
/// name   = a parameter the strategy declares, by its grid key or its name (any letter case; see <see cref="GridParameters"/>)
/// </code>
/// Values are checked by the parameter (whole numbers, its range, its choices); text parameters cannot be swept. Parameters
/// not named keep the baseline's value. Combinations the strategy or the engine refuse (fast ≥ slow, BuyRsiMin ≥ BuyRsiMax,
/// a constructor's <see cref="ArgumentException"/>, …) are skipped and counted, not run.
/// </summary>
public sealed class ParameterGrid
{
    /// <summary>A sweep larger than this is almost certainly a typo in a step.</summary>
    public const int MaxSets = 10_000;

    /// <summary>A grid of the seed's strategy.</summary>
    public const string Example = "fast=10:30:5;slow=40:80:10;buyRsiMin=45,50;sellRsiMin=65,70";

    private ParameterGrid(StrategyDefinition definition, IReadOnlyList<GridAxis> axes, IReadOnlyList<StrategySetup> sets, int skipped, string? firstSkipReason)
    {
        Definition = definition;
        Axes = axes;
        Sets = sets;
        Skipped = skipped;
        FirstSkipReason = firstSkipReason;
    }

    /// <summary>The strategy whose parameters the grid varies.</summary>
    public StrategyDefinition Definition { get; }

    /// <summary>The axes, in the order written.</summary>
    public IReadOnlyList<GridAxis> Axes { get; }

    /// <summary>The valid parameter sets, in grid order (the first axis varies slowest), each named as the baseline's strategy.</summary>
    public IReadOnlyList<StrategySetup> Sets { get; }

    /// <summary>Combinations left out because the strategy or the engine would refuse them.</summary>
    public int Skipped { get; }

    /// <summary>Why the first skipped combination was refused, to show the user; null when none was.</summary>
    public string? FirstSkipReason { get; }

    /// <summary>A grid of <paramref name="definition"/>'s parameters that runs with its defaults; empty when it has none to vary.</summary>
    public static string ExampleFor(StrategyDefinition definition) =>
        definition.Type == typeof(CrossoverRsiStrategy) ? Example : GridExample.For(definition);

    /// <exception cref="FormatException">The text is not a usable grid; the message says where and why.</exception>
    public static ParameterGrid Parse(string text, EngineSettings baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var setup = baseline.Setup;
        var definition = setup.Definition;
        var example = ExampleFor(definition);
        if (example.Length == 0) throw new FormatException($"{definition.Name} has no number or choice parameter for a sweep to vary.");
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException($"the sweep is empty; write it as {example}.");

        var axes = new List<GridAxis>();
        foreach (var axisText in text.Split(';', StringSplitOptions.TrimEntries))
        {
            if (axisText.Length == 0) continue; // a trailing ';' is harmless
            var axis = GridAxis.Parse(axisText, definition, example.Split(';')[0]);
            if (axes.Any(a => a.Parameter == axis.Parameter))
                throw new FormatException($"'{axis.Parameter.Key}' is given twice; put all its values in one list.");
            axes.Add(axis);
        }

        if (axes.Count == 0) throw new FormatException($"the sweep names no parameter; write it as {example}.");

        var combinations = axes.Aggregate(1L, (product, axis) => product * axis.Values.Count);
        if (combinations > MaxSets)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"the grid has {combinations} combinations ({string.Join(" × ", axes.Select(a => $"{a.Values.Count} {a.Parameter.Key}"))}), more than the {MaxSets} a sweep runs."));
        }

        return Expand(axes, baseline, (int)combinations);
    }

    private static ParameterGrid Expand(List<GridAxis> axes, EngineSettings baseline, int combinations)
    {
        var setup = baseline.Setup;
        var sets = new List<StrategySetup>(combinations);
        var skipped = 0;
        string? firstSkipReason = null;
        var position = new int[axes.Count];
        for (var n = 0; n < combinations; n++)
        {
            var parameters = setup.Definition.Copy(setup.Parameters)!;
            for (var a = 0; a < axes.Count; a++) StrategyDefinition.Set(axes[a].Parameter.Parameter, parameters, axes[a].Values[position[a]]);
            var set = new StrategySetup(setup.Definition, setup.Name, parameters);

            var problem = baseline.With(set).Validate().FirstOrDefault();
            if (problem is null) sets.Add(set);
            else
            {
                skipped++;
                firstSkipReason ??= problem;
            }

            // Odometer: the last axis turns fastest.
            for (var a = axes.Count - 1; a >= 0 && ++position[a] == axes[a].Values.Count; a--) position[a] = 0;
        }

        if (sets.Count == 0)
            throw new FormatException($"none of the grid's {combinations} combinations is valid, e.g. {firstSkipReason}");
        return new ParameterGrid(setup.Definition, axes, sets, skipped, firstSkipReason);
    }
}
