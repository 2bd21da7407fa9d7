using System.Text.RegularExpressions;

namespace CryptoStreamLab.Core.Market;

/// <summary>What a Binance spot symbol looks like: upper-case letters and digits, as BTCUSDT.</summary>
public static partial class SymbolRules
{
    public const string Description = "a symbol is 2 to 20 upper-case letters or digits, such as BTCUSDT.";

    public static bool IsValid(string? symbol) => symbol is not null && Pattern().IsMatch(symbol);

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    private static partial Regex Pattern();
}
