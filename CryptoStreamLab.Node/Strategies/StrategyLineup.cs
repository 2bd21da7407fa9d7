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
    public static StrategyLineup Seed(StrategyOptions options) => Single(StrategySetup.Seed(options));

    /// <summary><paramref name="setup"/> alone on every stream, as the app runs without a <c>Strategies</c> section.</summary>
    public static StrategyLineup Single(StrategySetup setup) => new([new LineupEntry(setup)], isConfigured: false);

    public IReadOnlyList<LineupEntry> Entries { get; }

    /// <summary>Whether the entries come from a <c>Strategies</c> section (false: the seed's default).</summary>
    public bool IsConfigured { get; }

    /// <summary>The strategies that run on <paramref name="stream"/>, in configuration order.</summary>
    public IReadOnlyList<StrategySetup> For(StreamKey stream) => Entries.Where(e => e.RunsOn(stream)).Select(e => e.Setup).ToList();

    /// <summary>
    /// Where a (stream, strategy)'s account lives in the ledger: the stream's id alone without a <c>Strategies</c> section (the
    /// ledgers of earlier versions carry on), else <c>stream/strategy</c>.
    /// </summary>
    public string LedgerId(StreamKey stream, StrategySetup strategy) => IsConfigured ? $"{stream.Id}/{strategy.Name}" : stream.Id;

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive), or null.</summary>
    public LineupEntry? Find(string? name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
