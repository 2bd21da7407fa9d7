namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// A parsed rule before it is checked and compiled: what <see cref="RuleGrammar"/> reads. <see cref="Offset"/> is where the
/// node starts in the rule's text (0-based), so later checks can name the column.
/// </summary>
internal abstract record RuleSyntax(int Offset);

/// <summary>A number as written, e.g. <c>20</c> or <c>2.5</c>.</summary>
internal sealed record NumberSyntax(int Offset, double Value) : RuleSyntax(Offset);

/// <summary>A bare name: a candle field such as <c>close</c>.</summary>
internal sealed record NameSyntax(int Offset, string Name) : RuleSyntax(Offset);

/// <summary>A function call, e.g. <c>sma(close, 20)</c>.</summary>
internal sealed record CallSyntax(int Offset, string Name, IReadOnlyList<RuleSyntax> Arguments) : RuleSyntax(Offset);

/// <summary><c>-x</c> or <c>not x</c>.</summary>
internal sealed record UnarySyntax(int Offset, string Operator, RuleSyntax Operand) : RuleSyntax(Offset);

/// <summary><c>a op b</c> for the arithmetic, comparison and logical operators.</summary>
internal sealed record BinarySyntax(int Offset, string Operator, RuleSyntax Left, RuleSyntax Right) : RuleSyntax(Offset);
