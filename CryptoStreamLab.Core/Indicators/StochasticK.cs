namespace CryptoStreamLab.Core.Indicators;

/// <summary>Raw stochastic %K: where the close sits in the last n candles' range, 0 to 100 (0 when the range is empty).</summary>
public sealed class StochasticK(int period)
{
    private readonly Highest _highest = new(period);
    private readonly Lowest _lowest = new(period);
    private double _close = double.NaN;

    public int WarmUpPeriod => _highest.WarmUpPeriod;

    public bool IsReady => _highest.IsReady;

    public double Value => IsReady ? K(_highest.Value, _lowest.Value, _close) : double.NaN;

    public void Update(double high, double low, double close)
    {
        _highest.Update(high);
        _lowest.Update(low);
        _close = close;
    }

    public double Preview(double high, double low, double close) => K(_highest.Preview(high), _lowest.Preview(low), close);

    private static double K(double highest, double lowest, double close) =>
        double.IsNaN(highest) ? double.NaN : highest == lowest ? 0 : 100 * (close - lowest) / (highest - lowest);
}
