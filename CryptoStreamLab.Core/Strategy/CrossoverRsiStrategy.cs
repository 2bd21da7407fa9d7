using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// The seed's rule, exactly: BUY when BuyRsiMin &lt; RSI &lt; BuyRsiMax and MA(fast) crosses above MA(slow)
/// on this candle; SELL when RSI &gt; SellRsiMin and MA(fast) crosses below MA(slow); otherwise HOLD.
/// Sides come from <see cref="Indicators.Crossover"/> (+1 fast above slow, −1 below, 0 tie or not ready), so a
/// cross needs a strict change from one side to the other. A NaN RSI (not ready) gives HOLD, because every
/// comparison with NaN is false. Draws both averages over the candles and RSI with its thresholds in a panel.
/// </summary>
/// <remarks>
/// "The seed" here and elsewhere in the code is the original Python/Spark/Streamlit notebook this app re-implements
/// (Binance REST poll → Kafka → Spark → Parquet → Streamlit). Two deliberate differences from it, both in docs/strategy.md:
/// a true tie of the averages is no crossover (the seed's double sums could call one), and with no losses in its
/// window the RSI is 100 (the seed's Spark division gave null, so HOLD).
/// </remarks>
public sealed class CrossoverRsiStrategy : IStrategy
{
    /// <summary>The name users pick it by.</summary>
    public const string TypeName = "CrossoverRsi";

    /// <summary>Where its series sit in <see cref="SeriesValues"/>.</summary>
    public const int FastSlot = 0, SlowSlot = 1, RsiSlot = 2;

    private readonly double _buyRsiMin;
    private readonly double _buyRsiMax;
    private readonly double _sellRsiMin;
    private readonly SimpleMovingAverage _fast;
    private readonly SimpleMovingAverage _slow;
    private readonly RelativeStrengthIndex _rsi;

    // Side of fast vs slow after the last committed candle (see Crossover): the "previous" of the next one.
    private int _side;

    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public CrossoverRsiStrategy(StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate(section: null).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        _buyRsiMin = options.BuyRsiMin;
        _buyRsiMax = options.BuyRsiMax;
        _sellRsiMin = options.SellRsiMin;
        _fast = new SimpleMovingAverage(options.FastPeriod);
        _slow = new SimpleMovingAverage(options.SlowPeriod);
        _rsi = new RelativeStrengthIndex(options.RsiPeriod, options.RsiMethod);
        WarmUpPeriod = WarmUpFor(options);
        Series =
        [
            SeriesSpec.Overlay($"MA {options.FastPeriod}"),
            SeriesSpec.Overlay($"MA {options.SlowPeriod}"),
            SeriesSpec.Panel($"RSI {options.RsiPeriod}", options.BuyRsiMin, options.BuyRsiMax, options.SellRsiMin),
        ];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        var close = PriceTicks.FromDecimal(candle.Close);
        var previousSide = _side;
        _fast.UpdateTicks(close);
        _slow.UpdateTicks(close);
        _rsi.UpdateTicks(close);
        _side = Crossover.Side(_fast, _slow);
        var rsi = _rsi.Value;
        series[FastSlot] = _fast.Value;
        series[SlowSlot] = _slow.Value;
        series[RsiSlot] = rsi;
        return Decide(previousSide, _side, rsi);
    }

    public StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        var close = PriceTicks.FromDecimal(candle.Close);
        var rsi = _rsi.PreviewTicks(close);
        series[FastSlot] = _fast.PreviewTicks(close);
        series[SlowSlot] = _slow.PreviewTicks(close);
        series[RsiSlot] = rsi;
        return Decide(_side, Crossover.PreviewSide(_fast, _slow, close), rsi);
    }

    /// <summary>Wilder's RSI is warmed over this many RSI periods.</summary>
    public const int WilderPeriods = 20;

    /// <summary>
    /// Candles that warm the rule to what the whole history would give:
    /// <list type="bullet">
    /// <item>the slow average at the candle before the first (the crossover compares its side with the first's) needs the
    /// <c>SlowPeriod</c> closes before the first candle, which also cover the fast one;</item>
    /// <item>the Simple RSI at the first candle needs <c>RsiPeriod</c> changes, so the <c>RsiPeriod</c> closes before it;</item>
    /// <item>Wilder's RSI depends on every earlier close with a weight shrinking by <c>1 − 1/RsiPeriod</c> a candle:
    /// <see cref="WilderPeriods"/> periods bring the start's influence below 10⁻⁸ (about 2·10⁻⁹ for 14).</item>
    /// </list>
    /// With the Simple RSI a run warmed on these candles decides exactly as one warmed on the whole history before it.
    /// </summary>
    public static int WarmUpFor(StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rsi = options.RsiMethod == RsiMethod.Wilder ? WilderPeriods * options.RsiPeriod : options.RsiPeriod;
        return Math.Max(options.SlowPeriod, rsi);
    }

    /// <summary>The rule itself, on the sides before and after a candle and its RSI.</summary>
    public Signal Evaluate(int previousSide, int side, double rsi) => Decide(previousSide, side, rsi).Signal;

    private StrategyDecision Decide(int previousSide, int side, double rsi)
    {
        if (previousSide < 0 && side > 0 && rsi > _buyRsiMin && rsi < _buyRsiMax) return StrategyDecision.Buy("MA cross up, RSI in buy band");
        if (previousSide > 0 && side < 0 && rsi > _sellRsiMin) return StrategyDecision.Sell("MA cross down, RSI above sell level");
        return StrategyDecision.Hold;
    }
}
