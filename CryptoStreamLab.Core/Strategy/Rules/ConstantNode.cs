using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>A number written in the rule.</summary>
internal sealed class ConstantNode : RuleNode
{
    public ConstantNode(string key, double value) : base(key, RuleKind.Number, 0) => Current = value;

    public override void Commit(in Candle candle)
    {
    }

    public override void Preview(in Candle candle)
    {
    }
}
