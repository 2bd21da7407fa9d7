namespace CryptoStreamLab.Core.Strategy;

/// <summary>The <see cref="MacdTrend"/> strategy's parameters.</summary>
public sealed class MacdTrendParameters
{
    [Param(Min = 1, Max = 9_999, Description = "Closes in the fast EMA (shorter than the slow one).")]
    public int FastPeriod { get; set; } = 12;

    [Param(Min = 2, Max = 10_000, Description = "Closes in the slow EMA.")]
    public int SlowPeriod { get; set; } = 26;

    [Param(Min = 1, Max = 10_000, Description = "MACD values in the signal EMA.")]
    public int SignalPeriod { get; set; } = 9;
}
