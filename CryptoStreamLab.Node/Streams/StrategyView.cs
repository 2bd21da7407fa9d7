using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One strategy's view of a stream with the setup it runs (null when this node's lineup does not know it: a stream only
/// another node's configuration runs). What the API and the dashboard show per strategy.
/// </summary>
public sealed record StrategyView(string Name, StrategySetup? Setup, StreamSnapshot Snapshot)
{
    /// <summary>The strategy's type as configured (<c>Strategies:N:Type</c>), or null when unknown.</summary>
    public string? Type => Setup?.Definition.Name;

    /// <summary>True for the seed's crossover + RSI, whose series are the moving averages and RSI of the older fields.</summary>
    public bool IsSeed => Setup?.SeedOptions is not null;

    /// <summary>Its series in the order of the evaluations' values: the snapshot's, else the setup's.</summary>
    public IReadOnlyList<SeriesSpec> Series => Snapshot.SeriesSpecs.Count > 0 ? Snapshot.SeriesSpecs : Setup?.Series ?? [];

    /// <summary>
    /// Every strategy of <paramref name="key"/> with its view, in configuration order. A stream nothing is known of yet gives
    /// each configured strategy the empty snapshot (named for it).
    /// </summary>
    public static IReadOnlyList<StrategyView> All(StreamDirectory market, StreamKey key, StreamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(snapshot);
        var setups = market.StrategiesOf(key);
        var named = snapshot.Views.Where(v => v.Strategy is not null).ToList();
        if (named.Count > 0) return named.Select(v => new StrategyView(v.Strategy!, Find(setups, v.Strategy), v)).ToList();
        if (setups.Count > 0) return setups.Select(s => new StrategyView(s.Name, s, snapshot with { Strategy = s.Name, Series = s.Series })).ToList();
        return [new StrategyView(snapshot.Strategy ?? "", null, snapshot)];
    }

    /// <summary>
    /// The strategy whose view <paramref name="view"/> is: a strategy's view, or a stream's snapshot (its first strategy's). A
    /// snapshot without a strategy's name (made by hand) is taken for the first configured strategy's.
    /// </summary>
    public static StrategyView Of(StreamDirectory market, StreamSnapshot view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Find(market, view.Key, view, view.Strategy) ?? new StrategyView(view.Strategy ?? "", null, view);
    }

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive; the first when null), or null when it does not run there.</summary>
    public static StrategyView? Find(StreamDirectory market, StreamKey key, StreamSnapshot snapshot, string? name)
    {
        var all = All(market, key, snapshot);
        return string.IsNullOrWhiteSpace(name)
            ? all[0]
            : all.FirstOrDefault(v => string.Equals(v.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static StrategySetup? Find(IReadOnlyList<StrategySetup> setups, string? name) =>
        setups.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
