using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary><c>atr(n)</c> on the candles' high, low and close.</summary>
internal sealed class AtrNode(string key, Atr atr) : RuleNode(key, RuleKind.Number, atr.WarmUpPeriod)
{
    private readonly Atr _atr = atr;

    public override void Commit(in Candle candle)
    {
        _atr.Update((double)candle.High, (double)candle.Low, (double)candle.Close);
        Current = _atr.Value;
    }

    public override void Preview(in Candle candle) => Current = _atr.Preview((double)candle.High, (double)candle.Low, (double)candle.Close);
}

/// <summary><c>stoch_k(n)</c> on the candles' high, low and close.</summary>
internal sealed class StochasticKNode(string key, StochasticK k) : RuleNode(key, RuleKind.Number, k.WarmUpPeriod)
{
    private readonly StochasticK _k = k;

    public override void Commit(in Candle candle)
    {
        _k.Update((double)candle.High, (double)candle.Low, (double)candle.Close);
        Current = _k.Value;
    }

    public override void Preview(in Candle candle) => Current = _k.Preview((double)candle.High, (double)candle.Low, (double)candle.Close);
}

/// <summary><c>stoch_d(n, d)</c> on the candles' high, low and close.</summary>
internal sealed class StochasticDNode(string key, StochasticD d) : RuleNode(key, RuleKind.Number, d.WarmUpPeriod)
{
    private readonly StochasticD _d = d;

    public override void Commit(in Candle candle)
    {
        _d.Update((double)candle.High, (double)candle.Low, (double)candle.Close);
        Current = _d.Value;
    }

    public override void Preview(in Candle candle) => Current = _d.Preview((double)candle.High, (double)candle.Low, (double)candle.Close);
}
