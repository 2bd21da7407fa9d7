using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// One entry of the Backtest page's strategy selector: a configured strategy (its name and values) or a strategy type of
/// the catalog (its defaults).
/// </summary>
/// <param name="Start">The name and values the form starts from when this is chosen.</param>
/// <param name="IsConfigured">True for a strategy of the app's lineup, false for a type with its defaults.</param>
public sealed record StrategyChoice(StrategySetup Start, bool IsConfigured)
{
    public StrategyDefinition Definition => Start.Definition;

    /// <summary>What the selector shows: "breakout (DonchianBreakout, configured)", "MacdTrend (defaults)".</summary>
    public string Label => IsConfigured
        ? Start.Name == Definition.Name ? $"{Start.Name} (configured)" : $"{Start.Name} ({Definition.Name}, configured)"
        : $"{Definition.Name} (defaults)";

    /// <summary>The configured strategies in the lineup's order, then every type of the catalog.</summary>
    public static IReadOnlyList<StrategyChoice> All(StrategyLineup lineup, StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(lineup);
        ArgumentNullException.ThrowIfNull(catalog);
        return
        [
            .. lineup.Entries.Select(e => new StrategyChoice(e.Setup, IsConfigured: true)),
            .. catalog.All.Select(d => new StrategyChoice(new StrategySetup(d), IsConfigured: false)),
        ];
    }

    public override string ToString() => Label;
}
