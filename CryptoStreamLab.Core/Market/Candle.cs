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
    public const long MinOpenTime = CandleRules.MinOpenTime;

    /// <summary>2100-01-01T00:00:00Z: open times must be earlier.</summary>
    public const long MaxOpenTime = CandleRules.MaxOpenTime;

    /// <summary>Why this candle cannot be used, or null when it is sound; see <see cref="CandleRules"/>. Without a clock,
    /// a candle from the future is not noticed: every entry that has one calls <see cref="Validate(long)"/>.</summary>
    public string? Validate() => CandleRules.Problem(this);

    /// <summary>Why this candle cannot be used at <paramref name="nowMs"/> (epoch ms), or null when it is sound.</summary>
    public string? Validate(long nowMs) => CandleRules.Problem(this, nowMs);
}
