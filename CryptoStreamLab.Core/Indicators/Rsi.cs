namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// RSI(n) of a series, O(1) and allocation-free per update; ready after n changes (n + 1 inputs).
/// <see cref="RsiMethod.Wilder"/> is TA-Lib's RSI: the average gain and loss start as the simple means of the first n
/// changes, then avg = (avg × (n − 1) + x) / n. <see cref="RsiMethod.Simple"/> keeps the simple means of the last n
/// changes (rolling compensated sums, see <see cref="CompensatedSum"/>). RSI = 100 × gain / (gain + loss).
/// </summary>
/// <remarks>
/// With no loss the RSI is 100, also when there is no gain either (a flat window), as
/// <see cref="RelativeStrengthIndex"/> and TradingView have it; TA-Lib gives 0 for a flat window. The Simple sums
/// count the non-zero changes in the window and are exactly zero when none is left, so a flat stretch is seen as flat
/// however long the stream before it. For the seed's exact tick-based RSI see <see cref="RelativeStrengthIndex"/>.
/// </remarks>
public sealed class Rsi : ISeriesIndicator
{
    private readonly int _period;
    private readonly RsiMethod _method;
    private double _last = double.NaN;
    private int _changes;

    // Simple: the last n changes and the sums (and counts of non-zero terms) of their gains and losses.
    // Wilder: the sums of the first n, then the smoothed averages.
    private readonly double[] _window;
    private int _next;
    private Side _gains;
    private Side _losses;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1 or <paramref name="method"/> is unknown.</exception>
    public Rsi(int period, RsiMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown RSI method.");
        _period = period;
        _method = method;
        _window = method == RsiMethod.Simple ? new double[period] : [];
    }

    public int Period => _period;

    public RsiMethod Method => _method;

    public int WarmUpPeriod => _period + 1;

    public bool IsReady => _changes == _period;

    public double Value => IsReady ? Ratio(_gains, _losses) : double.NaN;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        var last = _last;
        _last = input;
        if (double.IsNaN(last)) return;
        var change = input - last;
        if (_method == RsiMethod.Simple)
        {
            var leaving = IsReady ? _window[_next] : 0d;
            Slide(ref _gains, ref _losses, leaving, change);
            _window[_next] = change;
            _next = _next + 1 == _period ? 0 : _next + 1;
        }
        else
        {
            Wilder(ref _gains, ref _losses, _changes, change);
        }

        if (_changes < _period) _changes++;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        if (double.IsNaN(_last) || _changes + 1 < _period) return double.NaN;
        var change = input - _last;
        var gains = _gains;
        var losses = _losses;
        if (_method == RsiMethod.Simple) Slide(ref gains, ref losses, IsReady ? _window[_next] : 0d, change);
        else Wilder(ref gains, ref losses, _changes, change);
        return Ratio(gains, losses);
    }

    private static void Slide(ref Side gains, ref Side losses, double leaving, double entering)
    {
        gains.Remove(Math.Max(leaving, 0d));
        losses.Remove(Math.Max(-leaving, 0d));
        gains.Add(Math.Max(entering, 0d));
        losses.Add(Math.Max(-entering, 0d));
    }

    private void Wilder(ref Side gains, ref Side losses, int changesBefore, double change)
    {
        var gain = Math.Max(change, 0d);
        var loss = Math.Max(-change, 0d);
        if (changesBefore == _period)
        {
            gains.Average = (gains.Average * (_period - 1) + gain) / _period;
            losses.Average = (losses.Average * (_period - 1) + loss) / _period;
            return;
        }

        gains.Add(gain);
        losses.Add(loss);
        if (changesBefore + 1 < _period) return;
        gains.Average = gains.Sum.Value / _period;
        losses.Average = losses.Sum.Value / _period;
    }

    private double Ratio(Side gains, Side losses)
    {
        var gain = _method == RsiMethod.Wilder ? gains.Average : gains.Sum.Value;
        var loss = _method == RsiMethod.Wilder ? losses.Average : losses.Sum.Value;
        return loss == 0 ? 100d : 100d * (gain / (gain + loss));
    }

    // One side (gains or losses): a compensated sum of its terms and how many are non-zero; Wilder's average once seeded.
    private struct Side
    {
        public CompensatedSum Sum;
        public int Terms;
        public double Average;

        public void Add(double x)
        {
            if (x == 0) return;
            Sum.Add(x);
            Terms++;
        }

        public void Remove(double x)
        {
            if (x == 0) return;
            if (--Terms == 0) Sum.Clear();
            else Sum.Add(-x);
        }
    }
}
