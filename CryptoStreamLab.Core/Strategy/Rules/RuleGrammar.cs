using Parlot;
using Parlot.Fluent;
using static Parlot.Fluent.Parsers;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// The rule language's syntax, as Parlot parser combinators, from loosest to tightest:
/// <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparison (<c>&lt; &lt;= &gt; &gt;= ==</c>) &lt; <c>+ -</c> &lt;
/// <c>* /</c> &lt; unary <c>-</c> &lt; numbers, names, calls <c>f(a, b)</c> and parentheses. Binary operators associate
/// to the left. A missing operand or closing parenthesis is reported where it was expected; names and calls are only
/// read here, and checked by <see cref="RuleCompiler"/>.
/// </summary>
internal static class RuleGrammar
{
    private const string IdentifierChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    /// <summary>The longest rule read: far beyond any real rule, and short enough that no nesting exhausts the stack.</summary>
    public const int MaxLength = 1_000;

    private static readonly Parser<RuleSyntax> Expression = Build();

    /// <summary>Reads <paramref name="text"/>, or throws <see cref="ArgumentException"/> naming <paramref name="part"/>, the column and what was expected.</summary>
    public static RuleSyntax Parse(string text, string part)
    {
        if (text.Length > MaxLength) throw RuleErrors.At(part, text, MaxLength, $"expected a rule of at most {MaxLength} characters, found {text.Length}");
        var end = text.AsSpan().TrimEnd().Length;
        if (end == 0) throw RuleErrors.At(part, text, 0, "expected a condition such as 'close > sma(close, 20)', found an empty rule");
        var context = new ParseContext(new Scanner(text[..end]));
        if (!Expression.TryParse(context, out var syntax, out var error))
        {
            if (error?.Message is { } message) throw RuleErrors.At(part, text, error.Position.Offset, message);
            throw RuleErrors.At(part, text, 0, $"expected a value, found {RuleErrors.Found(text, 0)}");
        }

        var offset = context.Scanner.Cursor.Offset;
        if (offset < end)
            throw RuleErrors.At(part, text, offset, $"expected an operator, 'and', 'or' or the end, found {RuleErrors.Found(text, offset)}");
        return syntax;
    }

    private static Parser<RuleSyntax> Build()
    {
        var expression = Deferred<RuleSyntax>();

        var number = Terms.Number<double>(NumberOptions.AllowDecimalSeparator | NumberOptions.AllowExponent)
            .Then<RuleSyntax>((_, start, _, value) => new NumberSyntax(start, value));

        // A name, and if '(' follows, the call's arguments: an argument after a ',' is required, a ')' is expected at the end.
        var arguments = expression.And(ZeroOrMany(Terms.Char(',').SkipAnd(expression.ElseError("expected an argument after ','"))))
            .Then(x => (IReadOnlyList<RuleSyntax>)[x.Item1, .. x.Item2]);
        var callTail = Terms.Char('(').SkipAnd(ZeroOrOne(arguments)).And(ZeroOrOne(Terms.Char(')')))
            .Then(x => new CallTail(x.Item1.Count > 0 ? x.Item1[0] : [], x.Item2.Count > 0));
        var name = Terms.Identifier(static c => char.IsAsciiLetter(c) || c == '_', static c => char.IsAsciiLetterOrDigit(c) || c == '_')
            .When((_, span) => !IsKeyword(span.ToString()))
            .Then((_, start, _, span) => (Offset: start, Name: span.ToString()));
        var nameOrCall = name.And(ZeroOrOne(callTail)).Then<RuleSyntax>((context, x) =>
        {
            var (offset, text) = x.Item1;
            if (x.Item2.Count == 0) return new NameSyntax(offset, text);
            var tail = x.Item2[0];
            if (!tail.Closed) throw new ParseException($"expected ')' to close {text}(", context.Scanner.Cursor.Position);
            return new CallSyntax(offset, text, tail.Arguments);
        });

        var group = Terms.Char('(').Then((_, start, _, _) => start)
            .And(expression.ElseError("expected a value after '('"))
            .And(ZeroOrOne(Terms.Char(')')))
            .Then((context, x) => x.Item3.Count > 0
                ? x.Item2
                : throw new ParseException($"expected ')' to close the '(' at column {x.Item1 + 1}", context.Scanner.Cursor.Position));

        var primary = OneOf(number, nameOrCall, group);

        var unary = Deferred<RuleSyntax>();
        unary.Parser = OneOf(
            Terms.Char('-').Then((_, start, _, _) => start).And(unary.ElseError("expected a value after '-'"))
                .Then<RuleSyntax>(x => new UnarySyntax(x.Item1, "-", x.Item2)),
            primary);

        var multiplicative = LeftLevel(unary, "*", "/");
        var additive = LeftLevel(multiplicative, "+", "-");
        var comparison = LeftLevel(additive, "<=", ">=", "==", "<", ">");

        var negation = Deferred<RuleSyntax>();
        negation.Parser = OneOf(
            Keyword("not").Then((_, start, _, _) => start).And(negation.ElseError("expected a condition after 'not'"))
                .Then<RuleSyntax>(x => new UnarySyntax(x.Item1, "not", x.Item2)),
            comparison);

        var conjunction = LeftLevel(negation, "and");
        expression.Parser = LeftLevel(conjunction, "or");
        return expression;
    }

    /// <summary><c>operand (op operand)*</c>, folded to the left; an operand missing after an operator is an error there.</summary>
    private static Parser<RuleSyntax> LeftLevel(Parser<RuleSyntax> operand, params string[] operators)
    {
        var tails = new Parser<(string Operator, RuleSyntax Right)>[operators.Length];
        for (var i = 0; i < operators.Length; i++)
        {
            var op = operators[i];
            var token = char.IsAsciiLetter(op[0]) ? Keyword(op) : Terms.Text(op);
            var expected = char.IsAsciiLetter(op[0]) ? "a condition" : "a value";
            tails[i] = token.SkipAnd(operand.ElseError($"expected {expected} after '{op}'")).Then(right => (op, right));
        }

        return operand.And(ZeroOrMany(OneOf(tails))).Then(x =>
        {
            var result = x.Item1;
            foreach (var (op, right) in x.Item2) result = new BinarySyntax(result.Offset, op, result, right);
            return result;
        });
    }

    private static Parser<string> Keyword(string word) =>
        Terms.Keyword(word, IdentifierChars, caseInsensitive: true).Then(_ => word);

    private static bool IsKeyword(string name) =>
        name.Equals("and", StringComparison.OrdinalIgnoreCase) || name.Equals("or", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("not", StringComparison.OrdinalIgnoreCase);

    private sealed record CallTail(IReadOnlyList<RuleSyntax> Arguments, bool Closed);
}
