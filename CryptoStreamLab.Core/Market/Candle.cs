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

    /// <summary>The same candle marked closed, for a candle whose closing update never arrived.</summary>
    public Candle AsClosed() => this with { IsClosed = true };

    /// <summary>True when every market value matches; the closed flag is not compared.</summary>
    public bool HasSameValues(in Candle other) =>
        OpenTime == other.OpenTime && CloseTime == other.CloseTime && Open == other.Open && High == other.High &&
        Low == other.Low && Close == other.Close && Volume == other.Volume && QuoteVolume == other.QuoteVolume &&
        TradeCount == other.TradeCount && Symbol == other.Symbol && Interval == other.Interval;

    /// <summary>2010-01-01T00:00:00Z: the earliest open time a candle may have.</summary>
    public const long MinOpenTime = 1_262_304_000_000;

    /// <summary>2100-01-01T00:00:00Z: open times must be earlier.</summary>
    public const long MaxOpenTime = 4_102_444_800_000;

    private static string Describe(long epochMs) =>
        epochMs is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : "beyond the calendar";

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
        // No exchange traded crypto before 2010, and a time past 2099 is a unit or clock mistake (seconds read as
        // milliseconds give 1970; microseconds read as milliseconds give a year above 50,000): such a candle would
        // poison a stream's time order for good, so it is refused rather than applied.
        if (OpenTime < MinOpenTime) return $"open time {OpenTime} ({Describe(OpenTime)}) is before 2010, earlier than any crypto market";
        if (OpenTime >= MaxOpenTime) return $"open time {OpenTime} ({Describe(OpenTime)}) is after 2099, not a real candle's time";
        if (CloseTime < OpenTime) return $"close time {CloseTime} is before open time {OpenTime}";
        return null;
    }
}
