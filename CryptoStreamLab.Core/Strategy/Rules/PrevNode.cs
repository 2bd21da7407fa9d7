using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// <c>prev(x, k)</c>: x as it was k closed candles ago, from a ring of x's last k committed values. Before x has k
/// committed values it is NaN (a number) or false (a condition).
/// </summary>
internal sealed class PrevNode : RuleNode
{
    private readonly RuleNode _source;
    private readonly double[] _ring;
    private int _oldest;

    public PrevNode(string key, RuleNode source, int candles) : base(key, source.Kind, source.WarmUp + candles)
    {
        _source = source;
        _ring = new double[candles];
        Array.Fill(_ring, source.Kind == RuleKind.Condition ? 0d : double.NaN);
    }

    public override void Commit(in Candle candle)
    {
        // The oldest of the last k values is x k candles before this one; this candle's x takes its slot.
        Current = _ring[_oldest];
        _ring[_oldest] = _source.Current;
        _oldest = _oldest + 1 == _ring.Length ? 0 : _oldest + 1;
    }

    public override void Preview(in Candle candle) => Current = _ring[_oldest];
}
