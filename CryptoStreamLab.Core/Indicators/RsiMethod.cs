namespace CryptoStreamLab.Core.Indicators;

/// <summary>How RSI averages gains and losses.</summary>
public enum RsiMethod
{
    /// <summary>Plain average of the last n gains and losses (Cutler's RSI) — what the seed computed.</summary>
    Simple,

    /// <summary>Wilder's smoothing: a simple average of the first n changes, then avg = (avg × (n − 1) + x) / n. As TA-Lib and TradingView.</summary>
    Wilder,
}
