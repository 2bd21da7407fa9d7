using System.Globalization;
using System.Reflection;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>What kind of value a strategy parameter takes.</summary>
public enum ParameterKind
{
    Integer,
    Number,
    Choice,

    /// <summary>Free text, such as a rule expression; the strategy checks it when it is built.</summary>
    Text,
}

/// <summary>
/// One parameter a strategy declares: its name (the property's), kind, default, valid range (numbers) or choices
/// (enums). It parses and checks the text users give, so configuration, forms and sweeps share one rule.
/// </summary>
public sealed class StrategyParameter
{
    private readonly PropertyInfo _property;

    internal StrategyParameter(PropertyInfo property, ParamAttribute attribute, object defaultValue)
    {
        _property = property;
        Name = property.Name;
        Description = attribute.Description;
        var type = property.PropertyType;
        Kind = type == typeof(int) ? ParameterKind.Integer
            : type == typeof(double) ? ParameterKind.Number
            : type.IsEnum ? ParameterKind.Choice
            : type == typeof(string) ? ParameterKind.Text
            : throw new ArgumentException($"The parameter {property.DeclaringType?.Name}.{property.Name} is a {type.Name}; a parameter is an int, a double, an enum or a string.");
        Min = attribute.Min;
        Max = attribute.Max;
        Choices = type.IsEnum ? Enum.GetNames(type) : [];
        Default = defaultValue;
    }

    public string Name { get; }

    public string? Description { get; }

    public ParameterKind Kind { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>The enum's names for a <see cref="ParameterKind.Choice"/>; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; }

    public object Default { get; }

    internal Type Type => _property.PropertyType;

    /// <summary>The default as users write it.</summary>
    public string DefaultText => Format(Default);

    /// <summary>A value as users write it (invariant culture).</summary>
    public static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Reads <paramref name="text"/> as this parameter's value, or says what is wrong with it.</summary>
    public bool TryParse(string? text, out object value, out string problem)
    {
        value = Default;
        problem = "";
        text = text?.Trim();
        switch (Kind)
        {
            case ParameterKind.Integer when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                value = integer;
                return InRange(integer, out problem);
            case ParameterKind.Integer:
                problem = $"must be a whole number between {Format(Min)} and {Format(Max)} (is '{text}')";
                return false;
            case ParameterKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                value = number;
                return InRange(number, out problem);
            case ParameterKind.Number:
                problem = $"must be a number between {Format(Min)} and {Format(Max)} (is '{text}')";
                return false;
            case ParameterKind.Text:
                value = text ?? "";
                return true;
            default:
                if (text is { Length: > 0 } && !char.IsAsciiDigit(text[0]) && text[0] != '-' &&
                    Enum.TryParse(Type, text, ignoreCase: true, out var choice) && Enum.IsDefined(Type, choice!))
                {
                    value = choice!;
                    return true;
                }

                problem = $"must be one of {string.Join(", ", Choices)} (is '{text}')";
                return false;
        }
    }

    internal void Set(object target, object value) => _property.SetValue(target, value);

    internal object Get(object target) => _property.GetValue(target)!;

    private bool InRange(double value, out string problem)
    {
        problem = value < Min || value > Max ? $"must be between {Format(Min)} and {Format(Max)} (is {Format(value)})" : "";
        return problem.Length == 0;
    }
}
