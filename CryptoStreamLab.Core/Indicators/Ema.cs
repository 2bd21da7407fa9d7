namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Exponential moving average as TA-Lib defines it: alpha = 2 / (n + 1), seeded with the simple average of the first
/// n inputs (so it is defined at the n-th), then EMA = EMA + alpha × (input − EMA). O(1) and allocation-free per update.
/// The seed's sum is compensated (<see cref="CompensatedSum"/>) like every sum here.
/// </summary>
public sealed class Ema : ISeriesIndicator
{
    private readonly int _period;
    private readonly double _alpha;
    private int _count;
    private CompensatedSum _seed;
    private double _value = double.NaN;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Ema(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _alpha = 2d / (period + 1);
    }

    public int Period => _period;

    public int WarmUpPeriod => _period;

    public bool IsReady => _count == _period;

    public double Value => _value;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (IsReady)
        {
            _value = Step(_value, input);
            return;
        }

        _seed.Add(input);
        if (++_count == _period) _value = _seed.Value / _period;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        if (IsReady) return Step(_value, input);
        if (_count + 1 < _period) return double.NaN;
        var seed = _seed;
        seed.Add(input);
        return seed.Value / _period;
    }

    private double Step(double previous, double input) => previous + _alpha * (input - previous);
}
