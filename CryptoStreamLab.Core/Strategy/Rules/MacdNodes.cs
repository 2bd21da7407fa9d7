using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>One <see cref="Macd"/> shared by every <c>macd</c>, <c>macd_signal</c> and <c>macd_hist</c> call with the same arguments.</summary>
internal sealed class MacdNode(string key, RuleNode input, Macd macd) : RuleNode(key, RuleKind.Number, 0)
{
    private readonly Macd _macd = macd;

    public int IndicatorWarmUp => input.WarmUp + _macd.WarmUpPeriod;

    public MacdPoint Point;

    public override void Commit(in Candle candle)
    {
        _macd.Update(input.Current);
        Point = _macd.IsReady
            ? new MacdPoint(_macd.Line, _macd.Signal, _macd.Histogram)
            : new MacdPoint(_macd.Line, double.NaN, double.NaN);
    }

    public override void Preview(in Candle candle) => Point = _macd.Preview(input.Current);
}

/// <summary>Which of MACD's outputs a call reads.</summary>
internal enum MacdPart
{
    Line,
    Signal,
    Histogram,
}

/// <summary>One output of a shared <see cref="MacdNode"/>.</summary>
internal sealed class MacdPartNode(string key, MacdNode macd, MacdPart part) : RuleNode(key, RuleKind.Number, macd.IndicatorWarmUp)
{
    // Without state: a commit and a preview compute the same (each overridden here, saving a virtual call per node).
    public override void Commit(in Candle candle) => Current = Compute();

    public override void Preview(in Candle candle) => Current = Compute();

    private double Compute() => part switch
    {
        MacdPart.Line => macd.Point.Line,
        MacdPart.Signal => macd.Point.Signal,
        _ => macd.Point.Histogram,
    };
}
