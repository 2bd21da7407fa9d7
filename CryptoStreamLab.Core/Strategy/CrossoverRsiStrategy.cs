namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// The seed's rule, exactly: BUY when BuyRsiMin &lt; RSI &lt; BuyRsiMax and MA(fast) crosses above MA(slow)
/// on this candle; SELL when RSI &gt; SellRsiMin and MA(fast) crosses below MA(slow); otherwise HOLD.
/// Sides come from <see cref="Indicators.Crossover"/> (+1 fast above slow, −1 below, 0 tie or not ready), so a
/// cross needs a strict change from one side to the other. A NaN RSI (not ready) gives HOLD, because every
/// comparison with NaN is false.
/// </summary>
/// <remarks>
/// "The seed" here and elsewhere in the code is the original Python/Spark/Streamlit notebook this app re-implements
/// (Binance REST poll → Kafka → Spark → Parquet → Streamlit). Two deliberate differences from it, both in docs/strategy.md:
/// a true tie of the averages is no crossover (the seed's double sums could call one), and with no losses in its
/// window the RSI is 100 (the seed's Spark division gave null, so HOLD).
/// </remarks>
public sealed class CrossoverRsiStrategy(StrategyOptions options)
{
    private readonly double _buyRsiMin = options.BuyRsiMin;
    private readonly double _buyRsiMax = options.BuyRsiMax;
    private readonly double _sellRsiMin = options.SellRsiMin;

    public Signal Evaluate(int previousSide, int side, double rsi)
    {
        if (previousSide < 0 && side > 0 && rsi > _buyRsiMin && rsi < _buyRsiMax) return Signal.Buy;
        if (previousSide > 0 && side < 0 && rsi > _sellRsiMin) return Signal.Sell;
        return Signal.Hold;
    }
}
