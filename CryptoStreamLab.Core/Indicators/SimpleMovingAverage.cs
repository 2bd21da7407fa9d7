namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// SMA(n) over the last n committed values, O(1) and allocation-free per update. Not ready (NaN) until
/// the window is full, unlike the seed's partial windows at the start; from the n-th value on both agree.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly double[] _window;
    private int _next;
    private int _count;
    private double _sum;

    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new double[period];
    }

    public int Period => _window.Length;

    /// <summary>Number of committed values needed before <see cref="Value"/> is defined.</summary>
    public int WarmUpPeriod => Period;

    public bool IsReady => _count == _window.Length;

    /// <summary>The average of the last <see cref="Period"/> committed values, or NaN while warming up.</summary>
    public double Value => IsReady ? _sum / _window.Length : double.NaN;

    /// <summary>Commits a value (a closed candle).</summary>
    public void Update(double value)
    {
        if (IsReady) _sum -= _window[_next];
        else _count++;
        _window[_next] = value;
        _sum += value;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    /// <summary>The value <see cref="Update"/> would give, without changing anything (an open candle).</summary>
    public double Preview(double value)
    {
        if (_count + 1 < _window.Length) return double.NaN;
        var evicted = IsReady ? _window[_next] : 0d;
        return (_sum - evicted + value) / _window.Length;
    }

    public void Reset()
    {
        Array.Clear(_window);
        _next = _count = 0;
        _sum = 0;
    }
}
