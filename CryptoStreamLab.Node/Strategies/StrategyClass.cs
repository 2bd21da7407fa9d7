namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// A public class in the strategy files that implements IStrategy, as the compiler saw it: the name users pick it by (the
/// class name), the name reflection finds it by, the name problems show, the file it is declared in (the first, for a
/// partial class) and its doc comment's summary.
/// </summary>
internal sealed record StrategyClass(string Name, string MetadataName, string DisplayName, string File, string Description);
