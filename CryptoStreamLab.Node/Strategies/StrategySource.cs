namespace CryptoStreamLab.Node.Strategies;

/// <summary>One strategy file's text and the path its problems name.</summary>
internal sealed record StrategySource(string Path, string Text);
