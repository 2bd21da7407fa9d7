using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>A candle field a rule reads.</summary>
internal enum CandleField
{
    Open,
    High,
    Low,
    Close,
    Volume,
}

/// <summary>
/// A candle field. A price is read in exact <see cref="PriceTicks"/> (what the seed's <see cref="SimpleMovingAverage"/> and
/// <see cref="RelativeStrengthIndex"/> take) and as the double nearest to it; volume as a double.
/// </summary>
internal sealed class PriceNode(string key, CandleField field) : RuleNode(key, RuleKind.Number, 0)
{
    private const double PerUnit = PriceTicks.PerUnit;

    public CandleField Field { get; } = field;

    /// <summary>A price (not volume): drawn on the price scale, and read exactly by the seed's indicators.</summary>
    public bool IsPrice => Field != CandleField.Volume;

    /// <summary>The price in ticks (0 for volume).</summary>
    public long Ticks;

    public override void Commit(in Candle candle) => Read(candle);

    public override void Preview(in Candle candle) => Read(candle);

    private void Read(in Candle candle)
    {
        if (Field == CandleField.Volume)
        {
            Current = (double)candle.Volume;
            return;
        }

        // A tick count below 2^53 (a price below 90 million) is exact in a double, so this is the price's nearest double.
        Ticks = PriceTicks.FromDecimal(Field switch
        {
            CandleField.Open => candle.Open,
            CandleField.High => candle.High,
            CandleField.Low => candle.Low,
            _ => candle.Close,
        });
        Current = Ticks / PerUnit;
    }
}
