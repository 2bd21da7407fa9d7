namespace CryptoStreamLab.Core.Indicators;

/// <summary>RSI over any series in doubles, Wilder's or simple averages (for prices exactly, see <see cref="RelativeStrengthIndex"/>).</summary>
public sealed class Rsi : ISeriesIndicator
{
    private readonly int _period;
    private readonly RsiMethod _method;
    private readonly double[] _gains;
    private readonly double[] _losses;
    private int _next;
    private int _changes;
    private double _gainSum;
    private double _lossSum;
    private double _avgGain;
    private double _avgLoss;
    private bool _hasLast;
    private double _last;

    public Rsi(int period, RsiMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _method = method;
        _gains = new double[period];
        _losses = new double[period];
    }

    public int WarmUpPeriod => _period + 1;

    public bool IsReady => _changes >= _period;

    public double Value => IsReady ? Ratio(_method == RsiMethod.Wilder ? _avgGain : _gainSum, _method == RsiMethod.Wilder ? _avgLoss : _lossSum) : double.NaN;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (!_hasLast)
        {
            (_hasLast, _last) = (true, input);
            return;
        }

        var change = input - _last;
        _last = input;
        var gain = Math.Max(change, 0);
        var loss = Math.Max(-change, 0);
        if (_method == RsiMethod.Wilder && _changes >= _period)
        {
            _avgGain = (_avgGain * (_period - 1) + gain) / _period;
            _avgLoss = (_avgLoss * (_period - 1) + loss) / _period;
        }
        else
        {
            _gainSum += gain - _gains[_next];
            _lossSum += loss - _losses[_next];
            _gains[_next] = gain;
            _losses[_next] = loss;
            _next = _next + 1 == _period ? 0 : _next + 1;
            if (_changes + 1 == _period) (_avgGain, _avgLoss) = (_gainSum / _period, _lossSum / _period);
        }

        _changes++;
    }

    public double Preview(double input)
    {
        if (double.IsNaN(input)) return Value;
        if (!_hasLast || _changes + 1 < _period) return double.NaN;
        var change = input - _last;
        var gain = Math.Max(change, 0);
        var loss = Math.Max(-change, 0);
        if (_method == RsiMethod.Wilder && _changes >= _period)
            return Ratio((_avgGain * (_period - 1) + gain) / _period, (_avgLoss * (_period - 1) + loss) / _period);
        var full = _changes >= _period;
        return Ratio(_gainSum - (full ? _gains[_next] : 0) + gain, _lossSum - (full ? _losses[_next] : 0) + loss);
    }

    private static double Ratio(double gain, double loss) => loss == 0 ? 100d : 100d - 100d / (1d + gain / loss);
}
