namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// An indicator over one series of values (a price, volume or another indicator's output), streaming: each committed
/// value updates it in O(1), and <see cref="Preview"/> says what a value would give without committing it.
/// </summary>
public interface ISeriesIndicator
{
    /// <summary>Values needed before <see cref="Value"/> is defined.</summary>
    int WarmUpPeriod { get; }

    bool IsReady { get; }

    /// <summary>The value after the committed inputs, NaN while not ready.</summary>
    double Value { get; }

    /// <summary>Commits an input; a NaN input (an upstream indicator not ready yet) is ignored.</summary>
    void Update(double input);

    /// <summary>The value <see cref="Update"/> would give, without changing anything; <c>Preview(NaN)</c> returns <see cref="Value"/>.</summary>
    double Preview(double input);
}
