using System.Globalization;
using System.Runtime.CompilerServices;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// Turns rules into one graph of streaming nodes, checking names, argument counts, constants and types on the way.
/// Every node is keyed by its normalised text (<c>sma(close, 20)</c>): the same text anywhere, in Buy or in Sell, is
/// the same node, so a repeated indicator call is one indicator instance. <see cref="Nodes"/> lists each node once,
/// after the nodes it reads: committing them in that order updates everything once per candle.
/// </summary>
internal sealed partial class RuleCompiler
{
    private readonly Dictionary<string, RuleNode> _shared = new(StringComparer.Ordinal);
    private readonly List<RuleNode> _order = [];
    private readonly HashSet<RuleNode> _compound = [];
    private readonly HashSet<RuleNode> _priceScale = [];
    private readonly List<RuleSeries> _series = [];
    private string _part = "";
    private string _text = "";

    /// <summary>Every node, each after the nodes it reads.</summary>
    public IReadOnlyList<RuleNode> Nodes => _order;

    /// <summary>Every distinct indicator call, in the order they first appear.</summary>
    public IReadOnlyList<RuleSeries> Series => _series;

    /// <summary>Compiles one rule into the graph and returns its condition.</summary>
    /// <exception cref="ArgumentException">The rule is not valid; the message names <paramref name="part"/>, the column and what was expected.</exception>
    public RuleNode Compile(string? text, string part)
    {
        _part = part;
        _text = text ?? "";
        var syntax = RuleGrammar.Parse(_text, part);
        return Expect(syntax, RuleKind.Condition);
    }

    private RuleNode Bind(RuleSyntax syntax)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw Error(syntax, "expected a less deeply nested rule");
        return syntax switch
        {
            NumberSyntax number => Constant(number.Value),
            NameSyntax name => Field(name),
            UnarySyntax unary => Unary(unary),
            BinarySyntax binary => Binary(binary),
            CallSyntax call => Call(call),
            _ => throw new InvalidOperationException($"Unexpected syntax {syntax.GetType().Name}."),
        };
    }

    private RuleNode Expect(RuleSyntax syntax, RuleKind kind)
    {
        var node = Bind(syntax);
        if (node.Kind == kind) return node;
        throw kind == RuleKind.Number
            ? Error(syntax, $"expected a number, found the condition {node.Key}")
            : Error(syntax, $"expected a condition (a comparison, crossover, crossunder, and, or, not), found the number {node.Key}");
    }

    private RuleNode Constant(double value)
    {
        var key = Format(value);
        return Find(key) ?? Add(new ConstantNode(key, value));
    }

    private RuleNode Field(NameSyntax name)
    {
        var key = name.Name.ToLowerInvariant();
        CandleField? field = key switch
        {
            "open" => CandleField.Open,
            "high" => CandleField.High,
            "low" => CandleField.Low,
            "close" => CandleField.Close,
            "volume" => CandleField.Volume,
            _ => null,
        };
        if (field is null)
        {
            if (RuleFunction.Find(key) is { } function) throw Error(name, $"expected '(' and arguments after {key}: {function.Signature}");
            throw Error(name, $"unknown name '{name.Name}'; expected a candle field (open, high, low, close, volume), a number or a function call");
        }

        if (Find(key) is { } existing) return existing;
        var node = Add(new PriceNode(key, field.Value));
        if (field != CandleField.Volume) _priceScale.Add(node);
        return node;
    }

    private RuleNode Unary(UnarySyntax unary)
    {
        var negate = unary.Operator == "-";
        var operand = Expect(unary.Operand, negate ? RuleKind.Number : RuleKind.Condition);
        var key = (negate ? "-" : "not ") + Wrap(operand);
        if (Find(key) is { } existing) return existing;
        var node = Add(new UnaryNode(key, operand.Kind, negate ? RuleUnary.Negate : RuleUnary.Not, operand));
        if (!negate) _compound.Add(node);
        return node;
    }

    private RuleNode Binary(BinarySyntax binary)
    {
        var (op, operands, result) = binary.Operator switch
        {
            "+" => (RuleOperator.Add, RuleKind.Number, RuleKind.Number),
            "-" => (RuleOperator.Subtract, RuleKind.Number, RuleKind.Number),
            "*" => (RuleOperator.Multiply, RuleKind.Number, RuleKind.Number),
            "/" => (RuleOperator.Divide, RuleKind.Number, RuleKind.Number),
            "<" => (RuleOperator.Less, RuleKind.Number, RuleKind.Condition),
            "<=" => (RuleOperator.LessOrEqual, RuleKind.Number, RuleKind.Condition),
            ">" => (RuleOperator.Greater, RuleKind.Number, RuleKind.Condition),
            ">=" => (RuleOperator.GreaterOrEqual, RuleKind.Number, RuleKind.Condition),
            "==" => (RuleOperator.Equal, RuleKind.Number, RuleKind.Condition),
            "and" => (RuleOperator.And, RuleKind.Condition, RuleKind.Condition),
            _ => (RuleOperator.Or, RuleKind.Condition, RuleKind.Condition),
        };
        var left = Expect(binary.Left, operands);
        var right = Expect(binary.Right, operands);
        if (result == RuleKind.Condition && operands == RuleKind.Number)
        {
            AddGuide(left, right);
            AddGuide(right, left);
        }

        return Operator(op, binary.Operator, result, left, right);
    }

    /// <summary><c>left op right</c>, shared by its text.</summary>
    private RuleNode Operator(RuleOperator op, string symbol, RuleKind result, RuleNode left, RuleNode right)
    {
        var key = $"{Wrap(left)} {symbol} {Wrap(right)}";
        if (Find(key) is { } existing) return existing;
        var node = Add(new BinaryNode(key, result, op, left, right));
        _compound.Add(node);
        return node;
    }

    /// <summary>A panel series compared with a constant gets that constant as a guide line (RSI's 50 and 70, say).</summary>
    private void AddGuide(RuleNode series, RuleNode other)
    {
        if (other is not ConstantNode) return;
        foreach (var drawn in _series)
        {
            if (drawn.Node == series && !drawn.Overlay && !drawn.Guides.Contains(other.Current)) drawn.Guides.Add(other.Current);
        }
    }

    private RuleNode? Find(string key) => _shared.GetValueOrDefault(key);

    private RuleNode Add(RuleNode node)
    {
        _shared.Add(node.Key, node);
        _order.Add(node);
        return node;
    }

    private string Wrap(RuleNode node) => _compound.Contains(node) ? $"({node.Key})" : node.Key;

    private ArgumentException Error(RuleSyntax at, string message) => RuleErrors.At(_part, _text, at.Offset, message);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
