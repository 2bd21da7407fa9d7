using System.Globalization;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>One axis of a <see cref="ParameterGrid"/>: a parameter and its values, each parsed and in range, each once, in the order given.</summary>
public sealed record GridAxis(GridParameter Parameter, IReadOnlyList<object> Values)
{
    /// <summary>
    /// Reads <c>name=item,item,…</c>: a number, a range <c>start:stop:step</c> (stop included when the steps reach it), or for a
    /// choice one of its names. The parameter checks each value (<see cref="StrategyParameter.TryParse"/>).
    /// </summary>
    /// <param name="example">An axis to show in the message when <paramref name="text"/> has no <c>=</c>.</param>
    /// <exception cref="FormatException">Not a usable axis; the message names the parameter and the offending text.</exception>
    public static GridAxis Parse(string text, StrategyDefinition definition, string example)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw new FormatException($"'{text}' must have the form name=values, e.g. {example}.");

        var name = text[..equals].Trim();
        var parameter = GridParameters.Find(definition, name) ?? throw new FormatException(
            $"unknown parameter '{name}'; use {string.Join(", ", GridParameters.Sweepable(definition).Select(p => p.Key))}.");
        if (!parameter.IsSweepable)
            throw new FormatException($"{parameter.Key} is a text parameter; a sweep varies numbers and choices only.");

        var values = new List<object>();
        foreach (var item in text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (item.Length == 0) throw new FormatException($"{parameter.Key}: an empty value in '{text}'.");
            if (parameter.Parameter.Kind == ParameterKind.Choice) values.Add(Choice(parameter, item));
            else if (item.Contains(':')) values.AddRange(Range(parameter, item).Select(v => Checked(parameter, v, item)));
            else values.Add(Checked(parameter, Number(parameter, item, item), item));
        }

        return new GridAxis(parameter, values.Distinct().ToArray());
    }

    private static object Choice(GridParameter parameter, string item)
    {
        if (parameter.Parameter.TryParse(item, out var value, out var problem)) return value;
        throw new FormatException($"{parameter.Key} {problem}.");
    }

    private static IEnumerable<decimal> Range(GridParameter parameter, string item)
    {
        var parts = item.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3) throw new FormatException($"{parameter.Key}: the range '{item}' must be start:stop:step, e.g. 10:30:5.");
        var start = Number(parameter, parts[0], item);
        var stop = Number(parameter, parts[1], item);
        var step = Number(parameter, parts[2], item);
        if (step <= 0) throw new FormatException($"{parameter.Key}: the step in '{item}' must be above 0.");
        if (start > stop) throw new FormatException($"{parameter.Key}: the start in '{item}' is above the stop.");
        if ((stop - start) / step >= ParameterGrid.MaxSets) throw new FormatException($"{parameter.Key}: '{item}' has more than {ParameterGrid.MaxSets} values.");

        // Decimal steps land exactly on values such as 45.5 that repeated double additions would miss.
        var values = new List<decimal>();
        for (var value = start; value <= stop; value += step) values.Add(value);
        return values;
    }

    private static decimal Number(GridParameter parameter, string text, string item)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"{parameter.Key}: '{text}' in '{item}' is not a number.");
        if (parameter.Parameter.Kind == ParameterKind.Integer && (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue))
            throw new FormatException($"{parameter.Key}: '{text}' in '{item}' must be a whole number.");
        return value;
    }

    // The parameter's own rule (its range) decides, on the value as users would write it.
    private static object Checked(GridParameter parameter, decimal value, string item)
    {
        var text = parameter.Parameter.Kind == ParameterKind.Integer
            ? ((int)value).ToString(CultureInfo.InvariantCulture)
            : ((double)value).ToString("R", CultureInfo.InvariantCulture);
        if (parameter.Parameter.TryParse(text, out var parsed, out var problem)) return parsed;
        throw new FormatException($"{parameter.Key} {problem}, in '{item}'.");
    }
}
