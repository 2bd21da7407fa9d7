namespace CryptoStreamLab.Core.Strategy;

/// <summary>What the strategy says on a closed candle.</summary>
public enum Signal
{
    Hold,
    Buy,
    Sell,
}

public static class SignalText
{
    /// <summary>"BUY", "SELL" or "HOLD", as the seed logged them.</summary>
    public static string ToText(this Signal signal) => signal switch
    {
        Signal.Buy => "BUY",
        Signal.Sell => "SELL",
        _ => "HOLD",
    };
}
