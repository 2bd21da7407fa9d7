namespace CryptoStreamLab.Core.Indicators;

/// <summary>Bollinger Bands: the simple average ± <c>deviations</c> population standard deviations over the last n values.</summary>
public sealed class BollingerBands(int period, double deviations)
{
    private readonly double[] _window = new double[period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period))];
    private int _next;
    private int _count;

    public int WarmUpPeriod => _window.Length;

    public bool IsReady => _count == _window.Length;

    public double Upper => Point(double.NaN, false).Upper;

    public double Middle => Point(double.NaN, false).Middle;

    public double Lower => Point(double.NaN, false).Lower;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (!IsReady) _count++;
        _window[_next] = input;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    public BandPoint Preview(double input) => double.IsNaN(input) ? Point(double.NaN, false) : Point(input, true);

    private BandPoint Point(double extra, bool withExtra)
    {
        var n = _window.Length;
        if ((withExtra ? _count + 1 : _count) < n) return new BandPoint(double.NaN, double.NaN, double.NaN);
        double sum = 0, squares = 0;
        for (var i = 0; i < n; i++)
        {
            // With a previewed value the oldest one (at _next once full) drops out.
            var x = withExtra && i == _next ? extra : _window[i];
            sum += x;
            squares += x * x;
        }

        var mean = sum / n;
        var deviation = Math.Sqrt(Math.Max(squares / n - mean * mean, 0));
        return new BandPoint(mean + deviations * deviation, mean, mean - deviations * deviation);
    }
}
