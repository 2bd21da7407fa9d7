using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>The binary operators a rule can use.</summary>
internal enum RuleOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    And,
    Or,
    Min,
    Max,
}

/// <summary>
/// <c>a op b</c>. A comparison with NaN (an indicator not ready) is false, as IEEE has it; arithmetic passes NaN on.
/// </summary>
internal sealed class BinaryNode(string key, RuleKind kind, RuleOperator op, RuleNode left, RuleNode right)
    : RuleNode(key, kind, Math.Max(left.WarmUp, right.WarmUp))
{
    // Without state: a commit and a preview compute the same (each overridden here, saving a virtual call per node).
    public override void Commit(in Candle candle) => Current = Compute();

    public override void Preview(in Candle candle) => Current = Compute();

    private double Compute()
    {
        var a = left.Current;
        var b = right.Current;
        return op switch
        {
            RuleOperator.Add => a + b,
            RuleOperator.Subtract => a - b,
            RuleOperator.Multiply => a * b,
            RuleOperator.Divide => a / b,
            RuleOperator.Less => Truth(a < b),
            RuleOperator.LessOrEqual => Truth(a <= b),
            RuleOperator.Greater => Truth(a > b),
            RuleOperator.GreaterOrEqual => Truth(a >= b),
            RuleOperator.Equal => Truth(a == b),
            RuleOperator.And => Truth(a == 1d && b == 1d),
            RuleOperator.Or => Truth(a == 1d || b == 1d),
            RuleOperator.Min => Math.Min(a, b),
            _ => Math.Max(a, b),
        };
    }
}

/// <summary>The unary operators and one-argument functions a rule can use.</summary>
internal enum RuleUnary
{
    Negate,
    Not,
    Abs,
}

/// <summary><c>-x</c>, <c>not x</c> or <c>abs(x)</c>.</summary>
internal sealed class UnaryNode(string key, RuleKind kind, RuleUnary op, RuleNode operand) : RuleNode(key, kind, operand.WarmUp)
{
    // Without state: a commit and a preview compute the same (each overridden here, saving a virtual call per node).
    public override void Commit(in Candle candle) => Current = Compute();

    public override void Preview(in Candle candle) => Current = Compute();

    private double Compute()
    {
        var x = operand.Current;
        return op switch
        {
            RuleUnary.Negate => -x,
            RuleUnary.Not => Truth(x != 1d),
            _ => Math.Abs(x),
        };
    }
}
