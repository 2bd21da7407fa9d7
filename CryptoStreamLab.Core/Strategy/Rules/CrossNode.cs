using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// <c>crossover(a, b)</c> = <c>prev(a, 1) &lt; prev(b, 1) and a &gt; b</c> (the seed's definition), or <c>crossunder(a, b)</c>
/// = <c>prev(a, 1) &gt; prev(b, 1) and a &lt; b</c>, in one node keeping a's and b's last committed values: a tie on
/// either candle, or a value not ready, is no cross.
/// </summary>
internal sealed class CrossNode(string key, RuleNode a, RuleNode b, bool upward)
    : RuleNode(key, RuleKind.Condition, Math.Max(a.WarmUp, b.WarmUp) + 1)
{
    private double _previousA = double.NaN;
    private double _previousB = double.NaN;

    public override void Commit(in Candle candle)
    {
        Current = Compute();
        _previousA = a.Current;
        _previousB = b.Current;
    }

    public override void Preview(in Candle candle) => Current = Compute();

    private double Compute() => Truth(upward
        ? _previousA < _previousB && a.Current > b.Current
        : _previousA > _previousB && a.Current < b.Current);
}
