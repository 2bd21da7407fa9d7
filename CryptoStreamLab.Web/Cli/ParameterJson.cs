using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Web.Cli;

/// <summary>A parameter set as the JSON reports write it: numbers as numbers, choices and text as strings.</summary>
public static class ParameterJson
{
    /// <summary>Every declared parameter, by its name in camel case (<c>fastPeriod</c>, <c>rsiMethod</c>, …).</summary>
    public static JsonObject All(StrategySetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var json = new JsonObject();
        foreach (var parameter in GridParameters.All(setup.Definition))
            json[JsonNamingPolicy.CamelCase.ConvertName(parameter.Parameter.Name)] = Value(parameter.Value(setup));
        return json;
    }

    /// <summary><paramref name="parameters"/> by their grid keys (<c>fast</c>, <c>slow</c>, <c>rsiPeriod</c>, …).</summary>
    public static JsonObject Of(StrategySetup setup, IReadOnlyList<GridParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var json = new JsonObject();
        foreach (var parameter in parameters) json[parameter.Key] = Value(parameter.Value(setup));
        return json;
    }

    private static JsonNode Value(object value) => value switch
    {
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(StrategyParameter.Format(value)),
    };
}
