using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>One <see cref="BollingerBands"/> shared by the <c>bb_upper</c> and <c>bb_lower</c> calls with the same arguments.</summary>
internal sealed class BandsNode(string key, RuleNode input, BollingerBands bands) : RuleNode(key, RuleKind.Number, 0)
{
    private readonly BollingerBands _bands = bands;

    public int IndicatorWarmUp => input.WarmUp + _bands.WarmUpPeriod;

    public BandPoint Point;

    public override void Commit(in Candle candle)
    {
        _bands.Update(input.Current);
        Point = _bands.IsReady ? new BandPoint(_bands.Upper, _bands.Middle, _bands.Lower) : new BandPoint(double.NaN, double.NaN, double.NaN);
    }

    public override void Preview(in Candle candle) => Point = _bands.Preview(input.Current);
}

/// <summary>The upper or lower band of a shared <see cref="BandsNode"/>.</summary>
internal sealed class BandPartNode(string key, BandsNode bands, bool upper) : RuleNode(key, RuleKind.Number, bands.IndicatorWarmUp)
{
    // Without state: a commit and a preview compute the same (each overridden here, saving a virtual call per node).
    public override void Commit(in Candle candle) => Current = Compute();

    public override void Preview(in Candle candle) => Current = Compute();

    private double Compute() => upper ? bands.Point.Upper : bands.Point.Lower;
}
