namespace CryptoStreamLab.Core.Strategy;

/// <summary>What the strategy says on a closed candle.</summary>
public enum Signal
{
    Hold,
    Buy,
    Sell,
}
