namespace CryptoStreamLab.Core.Market;

/// <summary>
/// What a Binance spot symbol looks like: 2 to 20 upper-case letters A-Z or digits 0-9, as BTCUSDT. The one rule for
/// every entry (Kafka, state and command messages, Binance frames, files, HTTP, configuration): a symbol names
/// streams, Kafka keys, URLs and archive folders, so nothing else may pass for one.
/// </summary>
public static class SymbolRules
{
    public const int MinLength = 2;
    public const int MaxLength = 20;

    public const string Description = "a symbol is 2 to 20 upper-case letters or digits, such as BTCUSDT.";

    public static bool IsValid(string? symbol) => symbol is not null && IsValid(symbol.AsSpan());

    public static bool IsValid(ReadOnlySpan<char> symbol)
    {
        if (symbol.Length is < MinLength or > MaxLength) return false;
        foreach (var c in symbol)
        {
            if (!IsSymbolChar(c)) return false;
        }
        return true;
    }

    /// <summary>The same rule on UTF-8 bytes, for parsers reading straight from a buffer.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is < MinLength or > MaxLength) return false;
        foreach (var b in utf8)
        {
            if (!IsSymbolChar((char)b)) return false;
        }
        return true;
    }

    /// <summary>Why <paramref name="symbol"/> is not a symbol (shown shortened and escaped, so a log line stays one line), or null.</summary>
    public static string? Problem(string? symbol) =>
        symbol is null or "" ? "symbol is missing"
        : IsValid(symbol) ? null
        : $"symbol '{Printable(symbol)}' is not valid: {Description}";

    /// <summary>At most 40 characters of <paramref name="text"/>, control and non-ASCII characters escaped.</summary>
    public static string Printable(string text)
    {
        var shown = text.Length > 40 ? text[..40] : text;
        var builder = new System.Text.StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            if (c is >= ' ' and <= '~') builder.Append(c);
            else builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (text.Length > 40) builder.Append($"… ({text.Length} characters)");
        return builder.ToString();
    }

    private static bool IsSymbolChar(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
