namespace CryptoStreamLab.Core.Strategy;

/// <summary>A strategy's answer on one candle, and why (a constant text, so deciding allocates nothing).</summary>
public readonly record struct StrategyDecision(Signal Signal, string Reason)
{
    public static StrategyDecision Hold { get; } = new(Signal.Hold, "");

    public static StrategyDecision Buy(string reason) => new(Signal.Buy, reason);

    public static StrategyDecision Sell(string reason) => new(Signal.Sell, reason);
}
