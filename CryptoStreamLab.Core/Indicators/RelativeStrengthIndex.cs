namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// RSI(n) on closes, O(1) and allocation-free per update. Ready once n changes (n + 1 closes) are in.
/// When the average loss is zero RSI is 100 (no selling pressure at all).
/// </summary>
public sealed class RelativeStrengthIndex
{
    private readonly RsiMethod _method;
    private readonly int _period;

    // Simple method: the last n gains and losses and their running sums.
    private readonly double[] _gains;
    private readonly double[] _losses;
    private int _next;
    private double _gainSum;
    private double _lossSum;

    // Wilder method: smoothed averages once seeded (the seed is the simple average of the first n changes).
    private double _avgGain;
    private double _avgLoss;

    private int _changes;
    private double _lastClose = double.NaN;

    public RelativeStrengthIndex(int period, RsiMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown RSI method.");
        _period = period;
        _method = method;
        _gains = new double[period];
        _losses = new double[period];
    }

    public int Period => _period;

    public RsiMethod Method => _method;

    /// <summary>Closes needed before <see cref="Value"/> is defined.</summary>
    public int WarmUpPeriod => _period + 1;

    public bool IsReady => _changes >= _period;

    /// <summary>RSI of the committed closes, or NaN while warming up.</summary>
    public double Value => IsReady ? Compute(AverageGain(0, 0), AverageLoss(0, 0)) : double.NaN;

    /// <summary>Commits a close (a closed candle).</summary>
    public void Update(double close)
    {
        if (double.IsNaN(_lastClose))
        {
            _lastClose = close;
            return;
        }

        var change = close - _lastClose;
        var gain = change > 0 ? change : 0d;
        var loss = change < 0 ? -change : 0d;
        _lastClose = close;

        if (_method == RsiMethod.Wilder && _changes >= _period)
        {
            _avgGain = (_avgGain * (_period - 1) + gain) / _period;
            _avgLoss = (_avgLoss * (_period - 1) + loss) / _period;
            _changes++;
            return;
        }

        _gainSum += gain - _gains[_next];
        _lossSum += loss - _losses[_next];
        _gains[_next] = gain;
        _losses[_next] = loss;
        _next = _next + 1 == _period ? 0 : _next + 1;
        _changes++;

        if (_method == RsiMethod.Wilder && _changes == _period)
        {
            _avgGain = _gainSum / _period;
            _avgLoss = _lossSum / _period;
        }
    }

    /// <summary>The RSI <see cref="Update"/> would give for this close, without changing anything (an open candle).</summary>
    public double Preview(double close)
    {
        if (double.IsNaN(_lastClose) || _changes + 1 < _period) return double.NaN;
        var change = close - _lastClose;
        var gain = change > 0 ? change : 0d;
        var loss = change < 0 ? -change : 0d;
        return Compute(AverageGain(gain, 1), AverageLoss(loss, 1));
    }

    public void Reset()
    {
        Array.Clear(_gains);
        Array.Clear(_losses);
        _next = _changes = 0;
        _gainSum = _lossSum = _avgGain = _avgLoss = 0;
        _lastClose = double.NaN;
    }

    // `pending` is 1 when a previewed change is to be folded in, 0 for the committed state.
    private double AverageGain(double gain, int pending) => Average(gain, pending, _gainSum, _gains, _avgGain);

    private double AverageLoss(double loss, int pending) => Average(loss, pending, _lossSum, _losses, _avgLoss);

    private double Average(double x, int pending, double sum, double[] window, double smoothed)
    {
        if (pending == 0)
            return _method == RsiMethod.Wilder ? smoothed : sum / _period;

        if (_method == RsiMethod.Wilder && _changes >= _period)
            return (smoothed * (_period - 1) + x) / _period;

        // The previewed change enters the simple window, pushing out the oldest once it is full.
        var evicted = _changes >= _period ? window[_next] : 0d;
        return (sum - evicted + x) / _period;
    }

    private static double Compute(double avgGain, double avgLoss) =>
        avgLoss == 0 ? 100d : 100d - 100d / (1d + avgGain / avgLoss);
}
