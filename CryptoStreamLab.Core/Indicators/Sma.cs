namespace CryptoStreamLab.Core.Indicators;

/// <summary>Simple moving average of the last n values, in doubles (for prices exactly, see <see cref="SimpleMovingAverage"/>).</summary>
public sealed class Sma(int period) : ISeriesIndicator
{
    private readonly double[] _window = new double[period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period))];
    private int _next;
    private int _count;
    private double _sum;

    public int WarmUpPeriod => _window.Length;

    public bool IsReady => _count == _window.Length;

    public double Value => IsReady ? _sum / _window.Length : double.NaN;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (IsReady) _sum -= _window[_next];
        else _count++;
        _window[_next] = input;
        _sum += input;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        if (_count + 1 < _window.Length) return double.NaN;
        return (_sum - (IsReady ? _window[_next] : 0) + input) / _window.Length;
    }
}
