namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Bollinger Bands (TA-Lib BBANDS with an SMA): Middle = SMA(n), Upper/Lower = Middle ± k × the population standard
/// deviation of the last n inputs. The mean is a compensated rolling sum (O(1), see <see cref="CompensatedSum"/>); the
/// deviation is recomputed over the window each update (O(n)) as Σ(x − mean)² / n, because the one-pass
/// E[x²] − mean² cancels catastrophically when the spread is small beside the price (a flat window can give about
/// √ε × price, or a negative variance, where two passes leave only the mean's rounding). Allocation-free per update.
/// </summary>
public sealed class BollingerBands
{
    private readonly double[] _window;
    private readonly double _deviations;
    private int _next;
    private int _count;
    private CompensatedSum _sum;
    private BandPoint _point = new(double.NaN, double.NaN, double.NaN);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1, or <paramref name="deviations"/> is negative or not finite.</exception>
    public BollingerBands(int period, double deviations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!double.IsFinite(deviations) || deviations < 0)
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, "The band width in deviations must be a finite number of at least 0.");
        _window = new double[period];
        _deviations = deviations;
    }

    public int Period => _window.Length;

    public double Deviations => _deviations;

    public int WarmUpPeriod => _window.Length;

    public bool IsReady => _count == _window.Length;

    public double Upper => _point.Upper;

    public double Middle => _point.Middle;

    public double Lower => _point.Lower;

    public BandPoint Point => _point;

    /// <summary>Commits one input; NaN is ignored.</summary>
    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (IsReady) _sum.Add(-_window[_next]);
        else _count++;
        _sum.Add(input);
        _window[_next] = input;
        if (IsReady) _point = Bands(_sum, -1, 0);
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    /// <summary>The bands <see cref="Update"/> would give, changing nothing; <c>Preview(NaN)</c> is <see cref="Point"/>.</summary>
    public BandPoint Preview(double input)
    {
        if (double.IsNaN(input)) return _point;
        if (_count + 1 < _window.Length) return new BandPoint(double.NaN, double.NaN, double.NaN);
        var sum = _sum;
        if (IsReady) sum.Add(-_window[_next]);
        sum.Add(input);
        return Bands(sum, _next, input);
    }

    // The bands over the window with slot `replaced` read as `value` (the previewed input), in slot order either way.
    private BandPoint Bands(CompensatedSum sum, int replaced, double value)
    {
        var mean = sum.Value / _window.Length;
        var squares = 0d;
        for (var i = 0; i < _window.Length; i++)
        {
            var deviation = (i == replaced ? value : _window[i]) - mean;
            squares += deviation * deviation;
        }

        var width = _deviations * Math.Sqrt(squares / _window.Length);
        return new BandPoint(mean + width, mean, mean - width);
    }
}
