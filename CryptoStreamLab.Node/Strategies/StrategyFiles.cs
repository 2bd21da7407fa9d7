namespace CryptoStreamLab.Node.Strategies;

/// <summary>The catalog with the strategies compiled from a folder of <c>*.cs</c> files (<see cref="StrategyFolder"/>).</summary>
public static class StrategyFiles
{
    /// <summary>The built-ins and every strategy class in <paramref name="folder"/>; what does not compile goes to <paramref name="problems"/>.</summary>
    public static StrategyCatalog Catalog(string folder, ICollection<string> problems, ILogger? logger = null)
    {
        var result = StrategyFolder.Compile(folder);
        foreach (var problem in result.Problems) problems.Add(problem);
        if (result.Files > 0) logger?.LogInformation("{Summary}", result.Summary);
        return result.Definitions.Count == 0 ? StrategyCatalog.BuiltIn : new StrategyCatalog(result.Definitions);
    }
}
