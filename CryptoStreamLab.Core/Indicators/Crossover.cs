namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Which side of the slow average the fast one is on, decided exactly: fast &gt; slow ⇔
/// fastSum × slowPeriod &gt; slowSum × fastPeriod in integer ticks, so equal averages are a tie (0).
/// </summary>
public static class Crossover
{
    /// <summary>+1 above, −1 below, 0 on a tie or while either average is not ready.</summary>
    public static int Side(SimpleMovingAverage fast, SimpleMovingAverage slow) =>
        fast.IsReady && slow.IsReady ? Compare(fast.Sum, fast.Period, slow.Sum, slow.Period) : 0;

    /// <summary>The side after committing <paramref name="ticks"/> to both, without changing them.</summary>
    public static int PreviewSide(SimpleMovingAverage fast, SimpleMovingAverage slow, long ticks) =>
        fast.IsReadyAfterPreview && slow.IsReadyAfterPreview
            ? Compare(fast.PreviewSum(ticks), fast.Period, slow.PreviewSum(ticks), slow.Period)
            : 0;

    private static int Compare(Int128 fastSum, int fastPeriod, Int128 slowSum, int slowPeriod) =>
        (fastSum * slowPeriod).CompareTo(slowSum * fastPeriod);
}
