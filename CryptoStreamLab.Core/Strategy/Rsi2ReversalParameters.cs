namespace CryptoStreamLab.Core.Strategy;

/// <summary>The <see cref="Rsi2Reversal"/> strategy's parameters (Connors' defaults).</summary>
public sealed class Rsi2ReversalParameters
{
    [Param(Min = 1, Max = 10_000, Description = "Closes in the (Wilder) RSI.")]
    public int RsiPeriod { get; set; } = 2;

    [Param(Min = 0, Max = 100, Description = "BUY needs RSI strictly below this…")]
    public double BuyRsiBelow { get; set; } = 10;

    [Param(Min = 1, Max = 10_000, Description = "…and the close above the moving average of this many closes (the trend).")]
    public int TrendPeriod { get; set; } = 200;

    [Param(Min = 0, Max = 100, Description = "SELL when RSI is strictly above this…")]
    public double SellRsiAbove { get; set; } = 90;

    [Param(Min = 1, Max = 10_000, Description = "…or the close is above the moving average of this many closes.")]
    public int ExitPeriod { get; set; } = 5;
}
