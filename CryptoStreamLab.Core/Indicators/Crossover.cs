namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Which side of the slow average the fast one is on, decided exactly: fast &gt; slow ⇔
/// fastSum × slowPeriod &gt; slowSum × fastPeriod, in decimal, so equal averages are a tie (0).
/// </summary>
public static class Crossover
{
    /// <summary>+1 above, −1 below, 0 on a tie or while either average is not ready.</summary>
    public static int Side(SimpleMovingAverage fast, SimpleMovingAverage slow) =>
        fast.IsReady && slow.IsReady ? Compare(fast.Sum, fast.Period, slow.Sum, slow.Period) : 0;

    /// <summary>The side after committing <paramref name="value"/> to both, without changing them.</summary>
    public static int PreviewSide(SimpleMovingAverage fast, SimpleMovingAverage slow, decimal value) =>
        fast.IsReadyAfterPreview && slow.IsReadyAfterPreview
            ? Compare(fast.PreviewSum(value), fast.Period, slow.PreviewSum(value), slow.Period)
            : 0;

    private static int Compare(decimal fastSum, int fastPeriod, decimal slowSum, int slowPeriod) =>
        (fastSum * slowPeriod).CompareTo(slowSum * fastPeriod);
}
