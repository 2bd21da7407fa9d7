namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>Checks one rule on its own, for forms that show the problem under the field as users type.</summary>
public static class RuleExpression
{
    /// <summary>
    /// Why <paramref name="text"/> is not a valid rule — e.g. <c>Buy, column 14: expected ')' to close sma(</c> — or null
    /// when it is. <paramref name="part"/> names the rule in the message (Buy or Sell).
    /// </summary>
    public static string? Check(string? text, string part)
    {
        try
        {
            new RuleCompiler().Compile(text, part);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>Every function a rule can call, as written in help: <c>sma(x, n)</c>, <c>ema(x, n)</c>, ….</summary>
    public static IReadOnlyList<string> Functions { get; } = [.. RuleFunction.All.Select(f => f.Signature)];
}
