namespace CryptoStreamLab.Core.Market;

/// <summary>
/// One kline as Binance describes it. Times are epoch milliseconds (UTC); prices and volumes are
/// exact decimals because Binance sends them as decimal strings and the paper account trades on them.
/// </summary>
public readonly record struct Candle(
    string Symbol,
    KlineInterval Interval,
    long OpenTime,
    long CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal QuoteVolume,
    long TradeCount,
    bool IsClosed)
{
    public StreamKey Stream => new(Symbol, Interval);

    public DateTimeOffset OpenTimeUtc => DateTimeOffset.FromUnixTimeMilliseconds(OpenTime);

    /// <summary>The same candle marked closed, for a candle whose closing update never arrived.</summary>
    public Candle AsClosed() => this with { IsClosed = true };

    /// <summary>True when every market value matches; the closed flag is not compared.</summary>
    public bool HasSameValues(in Candle other) =>
        OpenTime == other.OpenTime && CloseTime == other.CloseTime && Open == other.Open && High == other.High &&
        Low == other.Low && Close == other.Close && Volume == other.Volume && QuoteVolume == other.QuoteVolume &&
        TradeCount == other.TradeCount && Symbol == other.Symbol && Interval == other.Interval;

    /// <summary>Why this candle cannot be used, or null when it is sound.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol)) return "symbol is empty";
        if (Open <= 0 || High <= 0 || Low <= 0 || Close <= 0)
            return $"prices must be positive (open {Open}, high {High}, low {Low}, close {Close})";
        if (High < Low) return $"high {High} is below low {Low}";
        if (Open > High || Open < Low || Close > High || Close < Low)
            return $"open {Open} or close {Close} lies outside low {Low} .. high {High}";
        if (Volume < 0 || QuoteVolume < 0) return $"volume must not be negative (volume {Volume}, quote volume {QuoteVolume})";
        if (TradeCount < 0) return $"trade count {TradeCount} is negative";
        if (OpenTime < 0) return $"open time {OpenTime} is before 1970";
        if (CloseTime < OpenTime) return $"close time {CloseTime} is before open time {OpenTime}";
        return null;
    }
}
