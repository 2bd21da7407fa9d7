using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Tests.Web.Components;

/// <summary>
/// The dashboard's services with three strategies on every stream: the seed's trading on every cross, MacdTrend (a panel of
/// its own) and BollingerReversion named bb (three overlays, no panel).
/// </summary>
public abstract class StrategiesTestContext() : DashboardTestContext(Lineup)
{
    public static readonly string[] Names = ["CrossoverRsi", "MacdTrend", "bb"];

    public static StrategyLineup Lineup { get; } = new(
    [
        new LineupEntry(StrategySetup.Seed(new StrategyOptions { BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 })),
        new LineupEntry(new StrategySetup(BuiltInStrategies.MacdTrend)),
        new LineupEntry(new StrategySetup(BuiltInStrategies.BollingerReversion, "bb")),
    ], isConfigured: true);
}
