namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Average true range as TA-Lib (Wilder) defines it: true range = max(high − low, |high − previous close|,
/// |low − previous close|), so the first candle only gives a close and the first range comes with the second; the
/// average starts as the simple mean of the first n ranges (defined at candle n + 1), then
/// ATR = (ATR × (n − 1) + TR) / n. O(1) and allocation-free per update.
/// </summary>
public sealed class Atr
{
    private readonly int _period;
    private double _previousClose = double.NaN;
    private int _ranges;
    private CompensatedSum _seed;
    private double _value = double.NaN;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Atr(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public int Period => _period;

    /// <summary>Candles needed before <see cref="Value"/> is defined: n ranges, and a close before the first.</summary>
    public int WarmUpPeriod => _period + 1;

    public bool IsReady => _ranges == _period;

    public double Value => _value;

    /// <summary>Commits a closed candle; one with a NaN price is ignored.</summary>
    public void Update(double high, double low, double close)
    {
        if (double.IsNaN(high) || double.IsNaN(low) || double.IsNaN(close)) return;
        var previous = _previousClose;
        _previousClose = close;
        if (double.IsNaN(previous)) return;
        var range = TrueRange(high, low, previous);
        if (IsReady)
        {
            _value = Smooth(_value, range);
            return;
        }

        _seed.Add(range);
        if (++_ranges == _period) _value = _seed.Value / _period;
    }

    /// <summary>The value <see cref="Update"/> would give, changing nothing; NaN if not ready then; with a NaN price, <see cref="Value"/>.</summary>
    public double Preview(double high, double low, double close)
    {
        if (double.IsNaN(high) || double.IsNaN(low) || double.IsNaN(close)) return _value;
        if (double.IsNaN(_previousClose) || _ranges + 1 < _period) return double.NaN;
        var range = TrueRange(high, low, _previousClose);
        if (IsReady) return Smooth(_value, range);
        var seed = _seed;
        seed.Add(range);
        return seed.Value / _period;
    }

    private static double TrueRange(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    private double Smooth(double average, double range) => (average * (_period - 1) + range) / _period;
}
