using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>One configured strategy and the streams it runs on (null: every stream).</summary>
public sealed record LineupEntry(StrategySetup Setup, IReadOnlyList<string>? Streams = null)
{
    public string Name => Setup.Name;

    public bool RunsOn(StreamKey stream) =>
        Streams is null || Streams.Contains(stream.Id, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// The strategies the app runs: the <c>Strategies</c> section's entries, or, without one, the seed's strategy configured by
/// the <c>Strategy</c> section (so configurations from before strategies were pluggable keep working).
/// </summary>
public sealed class StrategyLineup
{
    public StrategyLineup(IReadOnlyList<LineupEntry> entries, bool isConfigured)
    {
        if (entries.Count == 0) throw new ArgumentException("A lineup needs at least one strategy.", nameof(entries));
        Entries = entries;
        IsConfigured = isConfigured;
    }

    /// <summary>The seed's strategy alone, with <paramref name="options"/>.</summary>
    public static StrategyLineup Seed(StrategyOptions options) => new([new LineupEntry(StrategySetup.Seed(options))], isConfigured: false);

    public IReadOnlyList<LineupEntry> Entries { get; }

    /// <summary>Whether the entries come from a <c>Strategies</c> section (false: the seed's default).</summary>
    public bool IsConfigured { get; }

    /// <summary>The strategies that run on <paramref name="stream"/>, in configuration order.</summary>
    public IReadOnlyList<StrategySetup> For(StreamKey stream) => Entries.Where(e => e.RunsOn(stream)).Select(e => e.Setup).ToList();

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive), or null.</summary>
    public LineupEntry? Find(string? name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
