namespace CryptoStreamLab.Core.Indicators;

/// <summary>Exponential moving average (TA-Lib's): seeded with the simple average of the first n values, then α = 2 / (n + 1).</summary>
public sealed class Ema(int period) : ISeriesIndicator
{
    private readonly int _period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
    private readonly double _alpha = 2d / (period + 1);
    private int _count;
    private double _value;

    public int WarmUpPeriod => _period;

    public bool IsReady => _count >= _period;

    public double Value => IsReady ? _value : double.NaN;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        _value = Next(input);
        _count++;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        return _count + 1 >= _period ? Next(input) : double.NaN;
    }

    private double Next(double input)
    {
        if (_count >= _period) return _value + _alpha * (input - _value);
        // Still seeding: the running mean of the first values.
        return _value + (input - _value) / (_count + 1);
    }
}
