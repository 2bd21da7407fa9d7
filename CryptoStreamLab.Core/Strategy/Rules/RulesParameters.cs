namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>The <see cref="RulesStrategy"/>'s parameters: its two rules, as text users write (see docs/strategy.md).</summary>
public sealed class RulesParameters
{
    [Param(Description = "When to buy, e.g. crossover(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 50.")]
    public string Buy { get; set; } = "";

    [Param(Description = "When to sell, e.g. crossunder(sma(close, 20), sma(close, 50)).")]
    public string Sell { get; set; } = "";
}
