namespace CryptoStreamLab.Core.Indicators;

/// <summary>The largest of the last n values.</summary>
public sealed class Highest(int period) : ISeriesIndicator
{
    private readonly double[] _window = new double[period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period))];
    private int _next;
    private int _count;

    public int WarmUpPeriod => _window.Length;

    public bool IsReady => _count == _window.Length;

    public double Value => IsReady ? Scan(double.NaN) : double.NaN;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (!IsReady) _count++;
        _window[_next] = input;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        return _count + 1 >= _window.Length ? Scan(input) : double.NaN;
    }

    // With a previewed value, it takes the place of the oldest (the slot at _next).
    private double Scan(double extra)
    {
        var best = double.NaN;
        for (var i = 0; i < _window.Length; i++)
        {
            var x = !double.IsNaN(extra) && i == _next ? extra : _window[i];
            if (double.IsNaN(best) || x > best) best = x;
        }

        return best;
    }
}
