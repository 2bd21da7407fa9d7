namespace CryptoStreamLab.Core.Strategy;

/// <summary>The <see cref="DonchianBreakout"/> strategy's parameters (the Turtles' 20/10).</summary>
public sealed class DonchianBreakoutParameters
{
    [Param(Min = 1, Max = 10_000, Description = "BUY on a close above the highest high of this many previous candles.")]
    public int EntryPeriod { get; set; } = 20;

    [Param(Min = 1, Max = 10_000, Description = "SELL on a close below the lowest low of this many previous candles.")]
    public int ExitPeriod { get; set; } = 10;
}
