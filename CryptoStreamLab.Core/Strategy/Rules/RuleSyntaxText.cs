using System.Globalization;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>A parsed rule written back as text, for error messages (<c>found close</c>).</summary>
internal static class RuleSyntaxText
{
    public static string Of(RuleSyntax syntax) => syntax switch
    {
        NumberSyntax number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        NameSyntax name => name.Name,
        CallSyntax call => $"{call.Name}({string.Join(", ", call.Arguments.Select(Of))})",
        UnarySyntax unary => unary.Operator == "-" ? "-" + Wrapped(unary.Operand) : "not " + Wrapped(unary.Operand),
        BinarySyntax binary => $"{Wrapped(binary.Left)} {binary.Operator} {Wrapped(binary.Right)}",
        _ => syntax.ToString(),
    };

    private static string Wrapped(RuleSyntax syntax) => syntax is BinarySyntax ? $"({Of(syntax)})" : Of(syntax);
}
