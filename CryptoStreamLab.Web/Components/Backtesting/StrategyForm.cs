using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// The Backtest page's strategy: the chosen strategy and the text of each of its declared parameters, checked as
/// configuration checks them. A value its parameter refuses, or a refusal of the strategy that starts with a parameter's
/// name, belongs to that parameter's field (<see cref="FieldProblems"/>); anything else is for the whole form.
/// </summary>
public sealed class StrategyForm
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fieldProblems = new(StringComparer.Ordinal);

    public StrategyForm(IReadOnlyList<StrategyChoice> choices)
    {
        if (choices.Count == 0) throw new ArgumentException("The form needs a strategy to offer.", nameof(choices));
        Choices = choices;
        Choose(choices[0]);
    }

    public IReadOnlyList<StrategyChoice> Choices { get; }

    public StrategyChoice Chosen { get; private set; } = default!;

    public StrategyDefinition Definition => Chosen.Definition;

    /// <summary>The strategy the values make, or null while a value or the strategy refuses them (see <see cref="Validate"/>).</summary>
    public StrategySetup? Setup { get; private set; }

    /// <summary>What is wrong with a field's value, by parameter name.</summary>
    public IReadOnlyDictionary<string, string> FieldProblems => _fieldProblems;

    /// <summary>Takes <paramref name="choice"/> with its values (a configured strategy's, or a type's defaults).</summary>
    public void Choose(StrategyChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        Chosen = choice;
        Use(choice.Start);
    }

    /// <summary>Takes the values of <paramref name="setup"/>, a set of the chosen strategy (a sweep's row).</summary>
    public void Use(StrategySetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _values.Clear();
        foreach (var parameter in setup.Definition.Parameters) _values[parameter.Name] = setup.ValueText(parameter);
    }

    public string Value(StrategyParameter parameter) => _values.GetValueOrDefault(parameter.Name, parameter.DefaultText);

    public void Set(StrategyParameter parameter, string? text) => _values[parameter.Name] = text ?? "";

    /// <summary>
    /// Reads every field and builds <see cref="Setup"/>; returns the problems that belong to no field: the seed's own rules
    /// (keyed, as at start-up), another strategy's refusal that names no parameter, the trading terms'.
    /// </summary>
    public List<string> Validate(TradingOptions trading)
    {
        ArgumentNullException.ThrowIfNull(trading);
        _fieldProblems.Clear();
        Setup = null;
        var parameters = Definition.DefaultParameters();
        foreach (var parameter in Definition.Parameters)
        {
            if (!parameter.TryParse(Value(parameter), out var value, out var problem)) _fieldProblems[parameter.Name] = problem;
            else StrategyDefinition.Set(parameter, parameters!, value);
        }

        if (_fieldProblems.Count > 0) return trading.Validate().ToList();
        var setup = new StrategySetup(Definition, Chosen.Start.Name, parameters);
        var settings = EngineSettings.For(setup, trading);
        if (setup.SeedOptions is { } seed)
        {
            if (!seed.Validate().Any()) Setup = setup;
            return settings.Validate().ToList();
        }

        var others = settings.ValidateTradingAndBuffer().ToList();
        try
        {
            _ = setup.Create();
            Setup = setup;
        }
        catch (ArgumentException e)
        {
            var refusal = StrategyRefusal.Of(Definition, e);
            if (refusal.Parameter is { } parameter) _fieldProblems[parameter.Name] = refusal.Message;
            else others.Insert(0, refusal.Message);
        }

        return others;
    }
}
