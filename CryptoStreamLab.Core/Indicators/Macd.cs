namespace CryptoStreamLab.Core.Indicators;

/// <summary>MACD: line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line, histogram = line − signal.</summary>
public sealed class Macd(int fastPeriod, int slowPeriod, int signalPeriod)
{
    private readonly Ema _fast = new(fastPeriod);
    private readonly Ema _slow = new(slowPeriod);
    private readonly Ema _signal = new(signalPeriod);

    public int WarmUpPeriod => Math.Max(fastPeriod, slowPeriod) + signalPeriod - 1;

    public bool IsReady => _signal.IsReady;

    public double Line => _fast.Value - _slow.Value;

    public double Signal => _signal.Value;

    public double Histogram => Line - Signal;

    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        _fast.Update(input);
        _slow.Update(input);
        _signal.Update(Line);
    }

    public MacdPoint Preview(double input)
    {
        if (double.IsNaN(input)) return new MacdPoint(Line, Signal, Histogram);
        var line = _fast.Preview(input) - _slow.Preview(input);
        var signal = _signal.Preview(line);
        return new MacdPoint(line, signal, line - signal);
    }
}
