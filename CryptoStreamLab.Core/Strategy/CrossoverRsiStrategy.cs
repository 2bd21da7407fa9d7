namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// The seed's rule, exactly: BUY when BuyRsiMin &lt; RSI &lt; BuyRsiMax and MA(fast) crosses above MA(slow)
/// on this candle; SELL when RSI &gt; SellRsiMin and MA(fast) crosses below MA(slow); otherwise HOLD.
/// Inequalities are strict, so a tie is no crossover. Any NaN input (an indicator not ready) gives HOLD,
/// because every comparison with NaN is false.
/// </summary>
public sealed class CrossoverRsiStrategy(StrategyOptions options)
{
    private readonly double _buyRsiMin = options.BuyRsiMin;
    private readonly double _buyRsiMax = options.BuyRsiMax;
    private readonly double _sellRsiMin = options.SellRsiMin;

    public Signal Evaluate(double previousFast, double previousSlow, double fast, double slow, double rsi)
    {
        var crossesUp = previousFast < previousSlow && fast > slow;
        if (crossesUp && rsi > _buyRsiMin && rsi < _buyRsiMax) return Signal.Buy;

        var crossesDown = previousFast > previousSlow && fast < slow;
        if (crossesDown && rsi > _sellRsiMin) return Signal.Sell;

        return Signal.Hold;
    }
}
