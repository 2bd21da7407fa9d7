namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Simple moving average of the last n inputs (TA-Lib SMA), O(1) and allocation-free per update. The rolling sum is
/// compensated (<see cref="CompensatedSum"/>): a plain double sum that adds and later subtracts every input drifts
/// over a long stream. For the seed's exact tick-based average see <see cref="SimpleMovingAverage"/>.
/// </summary>
public sealed class Sma : ISeriesIndicator
{
    private readonly double[] _window;
    private int _next;
    private int _count;
    private CompensatedSum _sum;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Sma(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new double[period];
    }

    public int Period => _window.Length;

    public int WarmUpPeriod => _window.Length;

    public bool IsReady => _count == _window.Length;

    public double Value => IsReady ? _sum.Value / _window.Length : double.NaN;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (IsReady) _sum.Add(-_window[_next]);
        else _count++;
        _sum.Add(input);
        _window[_next] = input;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        if (_count + 1 < _window.Length) return double.NaN;
        var sum = _sum;
        if (IsReady) sum.Add(-_window[_next]);
        sum.Add(input);
        return sum.Value / _window.Length;
    }
}
