namespace CryptoStreamLab.Core.Market;

/// <summary>One market stream: a symbol at one candle interval. Every stream has its own buffer, engine and account.</summary>
public readonly record struct StreamKey(string Symbol, KlineInterval Interval)
{
    public override string ToString() => $"{Symbol} {Interval.ToCode()}";

    /// <summary>A file- and URL-safe identifier such as "BTCUSDT-1m".</summary>
    public string Id => $"{Symbol}-{Interval.ToCode()}";

    /// <summary>The stream an <see cref="Id"/> names, or null when <paramref name="id"/> is not a valid symbol, a dash and an interval code.</summary>
    public static StreamKey? TryParseId(string? id)
    {
        var dash = id?.LastIndexOf('-') ?? -1;
        if (dash <= 0) return null;
        var symbol = id![..dash];
        return SymbolRules.IsValid(symbol) && KlineIntervals.TryParse(id[(dash + 1)..], out var interval) ? new StreamKey(symbol, interval) : null;
    }
}
