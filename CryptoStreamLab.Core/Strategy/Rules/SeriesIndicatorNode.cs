using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>An indicator over one input series (sma, ema, rsi, highest, lowest of any expression).</summary>
internal sealed class SeriesIndicatorNode(string key, ISeriesIndicator indicator, RuleNode input, int warmUp)
    : RuleNode(key, RuleKind.Number, input.WarmUp + warmUp)
{
    public override void Commit(in Candle candle)
    {
        indicator.Update(input.Current);
        Current = indicator.Value;
    }

    public override void Preview(in Candle candle) => Current = indicator.Preview(input.Current);
}

/// <summary>
/// <c>sma</c> of a price field with the seed's exact <see cref="SimpleMovingAverage"/> (integer ticks), so a rule gives
/// the very values <see cref="CrossoverRsiStrategy"/> does.
/// </summary>
internal sealed class ExactSmaNode(string key, PriceNode price, int period) : RuleNode(key, RuleKind.Number, period)
{
    private readonly SimpleMovingAverage _average = new(period);

    public override void Commit(in Candle candle)
    {
        _average.UpdateTicks(price.Ticks);
        Current = _average.Value;
    }

    public override void Preview(in Candle candle) => Current = _average.PreviewTicks(price.Ticks);
}

/// <summary><c>rsi</c> / <c>rsi_sma</c> of a price field with the seed's exact <see cref="RelativeStrengthIndex"/>.</summary>
internal sealed class ExactRsiNode(string key, PriceNode price, int period, RsiMethod method, int warmUp)
    : RuleNode(key, RuleKind.Number, warmUp)
{
    private readonly RelativeStrengthIndex _rsi = new(period, method);

    public override void Commit(in Candle candle)
    {
        _rsi.UpdateTicks(price.Ticks);
        Current = _rsi.Value;
    }

    public override void Preview(in Candle candle) => Current = _rsi.PreviewTicks(price.Ticks);
}
