namespace CryptoStreamLab.Core.Market;

/// <summary>One market stream: a symbol at one candle interval. Every stream has its own buffer, engine and account.</summary>
public readonly record struct StreamKey(string Symbol, KlineInterval Interval)
{
    public override string ToString() => $"{Symbol} {Interval.ToCode()}";

    /// <summary>A file- and URL-safe identifier such as "BTCUSDT-1m".</summary>
    public string Id => $"{Symbol}-{Interval.ToCode()}";
}
