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
/// A candle field as a double, and for price fields also in exact <see cref="PriceTicks"/> when an exact indicator
/// (the seed's <see cref="SimpleMovingAverage"/> or <see cref="RelativeStrengthIndex"/>) reads it.
/// </summary>
internal sealed class PriceNode(string key, CandleField field) : RuleNode(key, RuleKind.Number, 0)
{
    public CandleField Field { get; } = field;

    /// <summary>A price (not volume): drawn on the price scale, and read exactly by the seed's indicators.</summary>
    public bool IsPrice => Field != CandleField.Volume;

    /// <summary>Set when an exact indicator reads <see cref="Ticks"/>.</summary>
    public bool NeedsTicks { get; set; }

    public long Ticks;

    public override void Commit(in Candle candle) => Read(candle);

    public override void Preview(in Candle candle) => Read(candle);

    private void Read(in Candle candle)
    {
        var value = Field switch
        {
            CandleField.Open => candle.Open,
            CandleField.High => candle.High,
            CandleField.Low => candle.Low,
            CandleField.Close => candle.Close,
            _ => candle.Volume,
        };
        Current = (double)value;
        if (NeedsTicks) Ticks = PriceTicks.FromDecimal(value);
    }
}
