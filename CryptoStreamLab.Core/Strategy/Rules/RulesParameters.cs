namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// The <see cref="RulesStrategy"/>'s parameters: its two rules, as text users write (see docs/strategy.md). Their defaults
/// are the seed's strategy written as rules, so a Rules strategy picked without rules (a form, <c>backtest --strategy
/// Rules</c>) runs something meaningful and shows how rules read; an empty rule is refused.
/// </summary>
public sealed class RulesParameters
{
    /// <summary>The seed's buy rule.</summary>
    public const string SeedBuy = "crossover(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 50 and rsi_sma(close, 14) < 70";

    /// <summary>The seed's sell rule.</summary>
    public const string SeedSell = "crossunder(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 70";

    [Param(Description = "When to buy, e.g. crossover(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 50.")]
    public string Buy { get; set; } = SeedBuy;

    [Param(Description = "When to sell, e.g. crossunder(sma(close, 20), sma(close, 50)).")]
    public string Sell { get; set; } = SeedSell;
}
