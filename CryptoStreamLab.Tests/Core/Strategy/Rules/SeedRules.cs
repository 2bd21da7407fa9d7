namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

/// <summary>The seed's strategy (<c>CrossoverRsiStrategy</c> with its defaults) written as rules.</summary>
public static class SeedRules
{
    public const string Buy = "crossover(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 50 and rsi_sma(close, 14) < 70";
    public const string Sell = "crossunder(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) > 70";
}
