namespace CryptoStreamLab.Core.Indicators;

/// <summary>Wilder's average true range: seeded with the simple average of the first n true ranges (from the second candle on), then smoothed by 1/n.</summary>
public sealed class Atr(int period)
{
    private readonly int _period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
    private int _ranges;
    private double _average;
    private bool _hasClose;
    private double _lastClose;

    public int WarmUpPeriod => _period + 1;

    public bool IsReady => _ranges >= _period;

    public double Value => IsReady ? _average : double.NaN;

    public void Update(double high, double low, double close)
    {
        if (_hasClose)
        {
            _average = Next(TrueRange(high, low));
            _ranges++;
        }

        (_hasClose, _lastClose) = (true, close);
    }

    public double Preview(double high, double low, double close) =>
        _hasClose && _ranges + 1 >= _period ? Next(TrueRange(high, low)) : double.NaN;

    private double TrueRange(double high, double low) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - _lastClose), Math.Abs(low - _lastClose)));

    private double Next(double range) =>
        _ranges >= _period ? (_average * (_period - 1) + range) / _period : _average + (range - _average) / (_ranges + 1);
}
