namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Stochastic %D (TA-Lib STOCHF's fast %D with a simple average): SMA(d) of the raw %K(k) of <see cref="StochasticK"/>,
/// defined at candle k + d − 1. O(1) amortized and allocation-free per update.
/// </summary>
public sealed class StochasticD
{
    private readonly StochasticK _k;
    private readonly Sma _d;

    /// <exception cref="ArgumentOutOfRangeException">A period is below 1.</exception>
    public StochasticD(int kPeriod, int dPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dPeriod, 1);
        _k = new StochasticK(kPeriod);
        _d = new Sma(dPeriod);
    }

    public int KPeriod => _k.Period;

    public int DPeriod => _d.Period;

    public int WarmUpPeriod => _k.Period + _d.Period - 1;

    public bool IsReady => _d.IsReady;

    public double Value => _d.Value;

    /// <summary>The raw %K under it (defined from candle k on).</summary>
    public double K => _k.Value;

    /// <summary>Commits a closed candle; one with a NaN price is ignored.</summary>
    public void Update(double high, double low, double close)
    {
        _k.Update(high, low, close);
        if (!double.IsNaN(high) && !double.IsNaN(low) && !double.IsNaN(close) && _k.IsReady) _d.Update(_k.Value);
    }

    /// <summary>The value <see cref="Update"/> would give, changing nothing; NaN if not ready then; with a NaN price, <see cref="Value"/>.</summary>
    public double Preview(double high, double low, double close)
    {
        if (double.IsNaN(high) || double.IsNaN(low) || double.IsNaN(close)) return Value;
        var k = _k.Preview(high, low, close);
        return double.IsNaN(k) ? double.NaN : _d.Preview(k);
    }
}
