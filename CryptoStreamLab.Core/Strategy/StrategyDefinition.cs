using System.Reflection;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// A kind of strategy users can pick by name: its class, and the parameters it declares. A strategy class implements
/// <see cref="IStrategy"/> and has one public constructor, either without parameters or taking one parameter object: a
/// class with a public parameterless constructor whose <see cref="ParamAttribute"/> properties are the parameters,
/// their initial values the defaults. The same rule serves the built-ins and strategy files.
/// </summary>
public sealed class StrategyDefinition
{
    private readonly ConstructorInfo _constructor;
    private readonly Type? _parametersType;

    private StrategyDefinition(string name, string description, Type type, ConstructorInfo constructor, Type? parametersType,
        IReadOnlyList<StrategyParameter> parameters)
    {
        Name = name;
        Description = description;
        Type = type;
        _constructor = constructor;
        _parametersType = parametersType;
        Parameters = parameters;
    }

    /// <summary>What users write as a strategy's <c>Type</c> (case-insensitive).</summary>
    public string Name { get; }

    public string Description { get; }

    public Type Type { get; }

    public IReadOnlyList<StrategyParameter> Parameters { get; }

    public StrategyParameter? Find(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The definition of <typeparamref name="T"/>, named after the class unless <paramref name="name"/> is given.</summary>
    public static StrategyDefinition For<T>(string? name = null, string description = "") where T : IStrategy =>
        For(typeof(T), name, description);

    /// <exception cref="ArgumentException"><paramref name="type"/> does not follow the rule above; the message says how.</exception>
    public static StrategyDefinition For(Type type, string? name = null, string description = "")
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(IStrategy).IsAssignableFrom(type) || type.IsAbstract || type.IsGenericTypeDefinition)
            throw new ArgumentException($"{type.Name} is not a strategy: a strategy is a non-abstract class that implements IStrategy.");
        var constructors = type.GetConstructors();
        if (constructors.Length != 1)
            throw new ArgumentException($"{type.Name} has {constructors.Length} public constructors; a strategy has exactly one.");
        var constructor = constructors[0];
        var arguments = constructor.GetParameters();
        if (arguments.Length > 1)
            throw new ArgumentException($"{type.Name}'s constructor takes {arguments.Length} arguments; a strategy's takes none or one parameter object.");
        var parametersType = arguments.Length == 1 ? arguments[0].ParameterType : null;
        return new StrategyDefinition(name ?? type.Name, description, type, constructor, parametersType, Declared(type, parametersType));
    }

    /// <summary>A parameter object with every parameter at its default (null when the strategy takes none).</summary>
    public object? DefaultParameters() => _parametersType is null ? null : Activator.CreateInstance(_parametersType);

    /// <summary>A copy of <paramref name="parameters"/> (its declared parameters only).</summary>
    public object? Copy(object? parameters)
    {
        var copy = DefaultParameters();
        if (copy is null || parameters is null) return copy;
        foreach (var parameter in Parameters) parameter.Set(copy, parameter.Get(parameters));
        return copy;
    }

    /// <summary>Builds one instance. A constructor that refuses its parameters throws <see cref="ArgumentException"/> saying why.</summary>
    public IStrategy Create(object? parameters)
    {
        try
        {
            return (IStrategy)_constructor.Invoke(_parametersType is null ? [] : [parameters ?? DefaultParameters()]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException is ArgumentException argument
                ? argument
                : new ArgumentException($"{Name} could not be built: {e.InnerException.Message}", e.InnerException);
        }
    }

    /// <summary>The value of <paramref name="parameter"/> in <paramref name="parameters"/>.</summary>
    public static object Get(StrategyParameter parameter, object parameters) => parameter.Get(parameters);

    /// <summary>Sets <paramref name="parameter"/> in <paramref name="parameters"/> (a value it parsed).</summary>
    public static void Set(StrategyParameter parameter, object parameters, object value) => parameter.Set(parameters, value);

    private static StrategyParameter[] Declared(Type strategy, Type? parametersType)
    {
        if (parametersType is null) return [];
        if (parametersType.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{strategy.Name}'s parameter object {parametersType.Name} needs a public parameterless constructor.");
        var defaults = Activator.CreateInstance(parametersType)!;
        return parametersType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParamAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => p.Property.CanWrite
                ? new StrategyParameter(p.Property, p.Attribute!, p.Property.GetValue(defaults) ?? "")
                : throw new ArgumentException($"The parameter {parametersType.Name}.{p.Property.Name} needs a setter (set or init)."))
            .ToArray();
    }
}
