namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Raw stochastic %K (TA-Lib STOCHF's fast %K): 100 × (close − lowest low) / (highest high − lowest low) over the last n
/// candles, the current one included; defined at candle n. When the range is zero (every high and low equal) it is 0,
/// as in TA-Lib. O(1) amortized and allocation-free per update (see <see cref="RollingExtreme"/>).
/// </summary>
public sealed class StochasticK
{
    private readonly RollingExtreme _highs;
    private readonly RollingExtreme _lows;
    private double _close;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public StochasticK(int period)
    {
        _highs = new RollingExtreme(period, max: true);
        _lows = new RollingExtreme(period, max: false);
    }

    public int Period => _highs.Period;

    public int WarmUpPeriod => _highs.Period;

    public bool IsReady => _highs.IsReady;

    public double Value => IsReady ? Raw(_highs.Value, _lows.Value, _close) : double.NaN;

    /// <summary>Commits a closed candle; one with a NaN price is ignored.</summary>
    public void Update(double high, double low, double close)
    {
        if (double.IsNaN(high) || double.IsNaN(low) || double.IsNaN(close)) return;
        _highs.Update(high);
        _lows.Update(low);
        _close = close;
    }

    /// <summary>The value <see cref="Update"/> would give, changing nothing; NaN if not ready then; with a NaN price, <see cref="Value"/>.</summary>
    public double Preview(double high, double low, double close)
    {
        if (double.IsNaN(high) || double.IsNaN(low) || double.IsNaN(close)) return Value;
        return Raw(_highs.Preview(high), _lows.Preview(low), close);
    }

    // NaN extremes (not ready) give NaN.
    private static double Raw(double highest, double lowest, double close)
    {
        var range = highest - lowest;
        return range == 0 ? 0d : 100d * (close - lowest) / range;
    }
}
