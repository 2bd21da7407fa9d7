using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// A strategy is picked by its class name, case-insensitive, so two classes may not share one and none may take a
/// built-in's: either would make a configured <c>Type</c> ambiguous. Every class of a clash is left out.
/// </summary>
internal static class StrategyNames
{
    /// <summary>The classes whose names are their own; a problem for each clash, naming both sides.</summary>
    public static IReadOnlyList<StrategyClass> Unique(IReadOnlyList<StrategyClass> classes, IReadOnlyList<StrategyDefinition> builtIns,
        List<string> problems)
    {
        var kept = new List<StrategyClass>(classes.Count);
        foreach (var group in classes.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            var named = group.ToList();
            var builtIn = builtIns.FirstOrDefault(b => string.Equals(b.Name, group.Key, StringComparison.OrdinalIgnoreCase));
            if (builtIn is not null)
            {
                problems.AddRange(named.Select(c =>
                    $"{c.File}: {c.DisplayName} has the name of the built-in strategy {builtIn.Name} ({builtIn.Type.FullName}); rename the class"));
            }
            else if (named.Count > 1)
            {
                problems.Add($"{named[0].File}: the strategy name {group.Key} is taken by {List(named)}; " +
                    "a strategy is picked by its class name, so each must be unique (case-insensitive)");
            }
            else
            {
                kept.Add(named[0]);
            }
        }

        return kept;
    }

    private static string List(List<StrategyClass> named)
    {
        var each = named.Select(c => $"{c.DisplayName} ({c.File})").ToList();
        return string.Join(", ", each[..^1]) + " and " + each[^1];
    }
}
