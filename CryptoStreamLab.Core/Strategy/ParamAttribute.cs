namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// Marks a property of a strategy's parameter object as a parameter users set (configuration, the Backtest page,
/// sweeps and walk-forward). The property's initial value is its default; its type is <see cref="int"/>,
/// <see cref="double"/>, an enum or a string (text the strategy checks itself); <see cref="Min"/> and <see cref="Max"/> bound a number, both ends included.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParamAttribute : Attribute
{
    public double Min { get; init; } = double.MinValue;

    public double Max { get; init; } = double.MaxValue;

    /// <summary>One line for forms and help.</summary>
    public string? Description { get; init; }
}
