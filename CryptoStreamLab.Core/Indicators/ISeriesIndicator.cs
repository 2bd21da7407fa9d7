namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// A streaming indicator over one series of numbers (usually closes), fed one closed candle at a time: what strategies
/// and rule expressions are built from. Definitions are TA-Lib's; an update costs O(1) or O(period) and allocates nothing.
/// </summary>
/// <remarks>
/// A NaN input is a gap, not a value: it is ignored and does not count toward the warm-up. <see cref="Preview"/> serves
/// the still-open candle: it answers what <see cref="Update"/> would give, bit for bit, and changes nothing.
/// </remarks>
public interface ISeriesIndicator
{
    /// <summary>Inputs needed before <see cref="Value"/> is defined (TA-Lib's lookback + 1).</summary>
    int WarmUpPeriod { get; }

    bool IsReady { get; }

    /// <summary>The value after the committed inputs; NaN until ready.</summary>
    double Value { get; }

    /// <summary>Commits one input (a closed candle); NaN is ignored.</summary>
    void Update(double input);

    /// <summary>
    /// The <see cref="Value"/> <see cref="Update"/> would give with <paramref name="input"/>, changing nothing (the open
    /// candle); NaN if it would not be ready then. <c>Preview(NaN)</c> is <see cref="Value"/>.
    /// </summary>
    double Preview(double input);
}
