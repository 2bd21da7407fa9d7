namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>Rule errors as users read them: <c>Buy, column 14: expected ')' to close sma(</c>.</summary>
internal static class RuleErrors
{
    /// <summary>
    /// The error at <paramref name="offset"/> in <paramref name="text"/> (0-based), reported at the next character that is
    /// not white space (or where the text ends), with a 1-based column (and line, when the rule spans several).
    /// </summary>
    public static ArgumentException At(string part, string text, int offset, string message)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var next = offset;
        while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
        if (next < text.Length) offset = next;
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }

        var where = line == 1 ? $"column {offset - lineStart + 1}" : $"line {line}, column {offset - lineStart + 1}";
        return new ArgumentException($"{part}, {where}: {message}");
    }

    /// <summary>What stands at <paramref name="offset"/>: <c>'x'</c>, or "the end".</summary>
    public static string Found(string text, int offset)
    {
        while (offset < text.Length && char.IsWhiteSpace(text[offset])) offset++;
        return offset < text.Length ? $"'{text[offset]}'" : "the end";
    }
}
