namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// RSI(n) on closes, O(1) and allocation-free per update. Ready once n changes (n + 1 closes) are in.
/// Gains and losses are summed exactly in integer <see cref="PriceTicks"/> (the Simple method's ratio is then
/// exact up to the final division); Wilder's recursive smoothing runs in double from the exact first averages.
/// When the average loss is zero RSI is 100 (no selling pressure at all).
/// </summary>
public sealed class RelativeStrengthIndex
{
    private readonly RsiMethod _method;
    private readonly int _period;

    // The last n gains and losses and their exact running sums (all of Simple; Wilder's first average).
    private readonly long[] _gains;
    private readonly long[] _losses;
    private int _next;
    private Int128 _gainSum;
    private Int128 _lossSum;

    // Wilder method: smoothed averages once seeded.
    private double _avgGain;
    private double _avgLoss;

    private int _changes;
    private bool _hasClose;
    private long _lastClose;

    public RelativeStrengthIndex(int period, RsiMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown RSI method.");
        _period = period;
        _method = method;
        _gains = new long[period];
        _losses = new long[period];
    }

    public int Period => _period;

    public RsiMethod Method => _method;

    /// <summary>Closes needed before <see cref="Value"/> is defined.</summary>
    public int WarmUpPeriod => _period + 1;

    public bool IsReady => _changes >= _period;

    /// <summary>RSI of the committed closes, or NaN while warming up.</summary>
    public double Value
    {
        get
        {
            if (!IsReady) return double.NaN;
            return _method == RsiMethod.Wilder ? FromAverages(_avgGain, _avgLoss) : FromSums(_gainSum, _lossSum);
        }
    }

    /// <summary>Commits a close (a closed candle).</summary>
    public void Update(decimal close) => UpdateTicks(PriceTicks.FromDecimal(close));

    /// <summary>Commits a close given in <see cref="PriceTicks"/>.</summary>
    public void UpdateTicks(long close)
    {
        if (!_hasClose)
        {
            _hasClose = true;
            _lastClose = close;
            return;
        }

        var change = close - _lastClose;
        _lastClose = close;
        var gain = change > 0 ? change : 0L;
        var loss = change < 0 ? -change : 0L;

        if (_method == RsiMethod.Wilder && _changes >= _period)
        {
            _avgGain = Smooth(_avgGain, gain / Unit);
            _avgLoss = Smooth(_avgLoss, loss / Unit);
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
            _avgGain = PriceTicks.ToDouble(_gainSum, _period);
            _avgLoss = PriceTicks.ToDouble(_lossSum, _period);
        }
    }

    /// <summary>The RSI <see cref="Update"/> would give for this close, without changing anything (an open candle).</summary>
    public double Preview(decimal close) => PreviewTicks(PriceTicks.FromDecimal(close));

    public double PreviewTicks(long close)
    {
        if (!_hasClose || _changes + 1 < _period) return double.NaN;
        var change = close - _lastClose;
        var gain = change > 0 ? change : 0L;
        var loss = change < 0 ? -change : 0L;

        if (_method == RsiMethod.Wilder && _changes >= _period)
            return FromAverages(Smooth(_avgGain, gain / Unit), Smooth(_avgLoss, loss / Unit));

        // The previewed change enters the window, pushing out the oldest once it is full.
        var full = _changes >= _period;
        var gainSum = _gainSum - (full ? _gains[_next] : 0L) + gain;
        var lossSum = _lossSum - (full ? _losses[_next] : 0L) + loss;
        return _method == RsiMethod.Wilder
            ? FromAverages(PriceTicks.ToDouble(gainSum, _period), PriceTicks.ToDouble(lossSum, _period))
            : FromSums(gainSum, lossSum);
    }

    public void Reset()
    {
        Array.Clear(_gains);
        Array.Clear(_losses);
        _next = _changes = 0;
        _gainSum = _lossSum = 0;
        _avgGain = _avgLoss = 0;
        _hasClose = false;
        _lastClose = 0;
    }

    private const double Unit = PriceTicks.PerUnit;

    private double Smooth(double average, double x) => (average * (_period - 1) + x) / _period;

    // Over a common window the averages' ratio is the sums' ratio: the division by n cancels.
    private static double FromSums(Int128 gainSum, Int128 lossSum) =>
        lossSum == 0 ? 100d : 100d - 100d / (1d + (double)gainSum / (double)lossSum);

    private static double FromAverages(double avgGain, double avgLoss) =>
        avgLoss == 0 ? 100d : 100d - 100d / (1d + avgGain / avgLoss);
}
