namespace CryptoStreamLab.Core.Indicators;

/// <summary>Stochastic %D: the simple average of the last d values of %K(k).</summary>
public sealed class StochasticD(int kPeriod, int dPeriod)
{
    private readonly StochasticK _k = new(kPeriod);
    private readonly Sma _d = new(dPeriod);

    public int WarmUpPeriod => _k.WarmUpPeriod + _d.WarmUpPeriod - 1;

    public bool IsReady => _d.IsReady;

    public double Value => _d.Value;

    public void Update(double high, double low, double close)
    {
        _k.Update(high, low, close);
        _d.Update(_k.Value);
    }

    public double Preview(double high, double low, double close) => _d.Preview(_k.Preview(high, low, close));
}
