using System.Globalization;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// One configured strategy: the name users see (the dashboard's selector, the ledger, the API), its definition and its
/// parameter values. It builds a fresh <see cref="IStrategy"/> for each (stream, strategy) and for each backtest run.
/// </summary>
public sealed class StrategySetup
{
    private int? _warmUp;
    private IReadOnlyList<SeriesSpec>? _series;

    /// <param name="parameters">The definition's parameter object; null takes the defaults.</param>
    public StrategySetup(StrategyDefinition definition, string? name = null, object? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Name = string.IsNullOrWhiteSpace(name) ? definition.Name : name;
        Parameters = parameters ?? definition.DefaultParameters();
    }

    /// <summary>The seed's crossover + RSI with <paramref name="options"/>.</summary>
    public static StrategySetup Seed(StrategyOptions options, string? name = null) =>
        new(BuiltInStrategies.CrossoverRsi, name, options);

    public string Name { get; }

    public StrategyDefinition Definition { get; }

    /// <summary>The parameter object (null for a strategy without parameters); treat it as read-only.</summary>
    public object? Parameters { get; }

    /// <summary>The seed's options when this is the seed's strategy, else null.</summary>
    public StrategyOptions? SeedOptions => Parameters as StrategyOptions;

    /// <summary>Builds one instance. <exception cref="ArgumentException">The parameters are refused; the message says why.</exception></summary>
    public IStrategy Create() => Definition.Create(Definition.Copy(Parameters));

    /// <summary>The strategy's warm-up with these parameters.</summary>
    public int WarmUpPeriod => _warmUp ??= Create().WarmUpPeriod;

    /// <summary>The series it draws with these parameters.</summary>
    public IReadOnlyList<SeriesSpec> Series => _series ??= Create().Series;

    /// <summary>The same strategy with one parameter changed (a sweep's set).</summary>
    public StrategySetup With(StrategyParameter parameter, object value)
    {
        var copy = Definition.Copy(Parameters)!;
        StrategyDefinition.Set(parameter, copy, value);
        return new StrategySetup(Definition, Name, copy);
    }

    /// <summary>The value of a parameter as users write it.</summary>
    public string ValueText(StrategyParameter parameter) =>
        Parameters is null ? parameter.DefaultText : StrategyParameter.Format(StrategyDefinition.Get(parameter, Parameters));

    /// <summary>"name=value" for every parameter, in declaration order.</summary>
    public string ParametersText() =>
        string.Join(", ", Definition.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={ValueText(p)}")));

    public override string ToString() => Definition.Parameters.Count == 0 ? Name : $"{Name} ({ParametersText()})";
}
