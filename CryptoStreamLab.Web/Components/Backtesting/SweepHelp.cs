using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>What the sweep and walk-forward panels say under their grid: the names a grid of the strategy can use.</summary>
public static class SweepHelp
{
    /// <summary>The grid keys, and the text parameters that cannot be swept.</summary>
    public static string Names(StrategyDefinition strategy)
    {
        var all = GridParameters.All(strategy);
        var names = all.Where(p => p.IsSweepable).Select(p => p.Key).ToList();
        var text = all.Where(p => !p.IsSweepable).Select(p => p.Key).ToList();
        var known = names.Count == 0 ? $"{strategy.Name} has no parameter a sweep can vary" : "names: " + string.Join(", ", names);
        return text.Count == 0 ? known : $"{known}; text parameters ({string.Join(", ", text)}) cannot be swept";
    }

    public static string For(StrategyDefinition strategy) =>
        $"name=values;… with values 10,20, start:stop:step or a choice's names. {Capitalised(Names(strategy))}. Other parameters come from the form.";

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
