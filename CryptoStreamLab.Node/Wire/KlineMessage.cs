namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// The JSON value of one topic message. The first six fields carry the seed's names and meaning
/// (<c>timestamp</c> is the candle's open time in epoch ms); prices and volumes are JSON numbers.
/// </summary>
/// <remarks>
/// The seed's fields plus symbol and interval are required. The rest may be absent so that a hand-written message
/// (kcat, another producer) still works: closeTime is then derived from the interval, quoteVolume and trades are 0,
/// isClosed is true (the seed only ever published finished candles) and eventTime is 0.
/// </remarks>
public readonly record struct KlineMessage
{
    public required long Timestamp { get; init; }
    public required decimal Open { get; init; }
    public required decimal High { get; init; }
    public required decimal Low { get; init; }
    public required decimal Close { get; init; }
    public required decimal Volume { get; init; }
    public required string Symbol { get; init; }
    public required string Interval { get; init; }
    public long? CloseTime { get; init; }
    public decimal? QuoteVolume { get; init; }
    public long? Trades { get; init; }
    public bool? IsClosed { get; init; }
    public long? EventTime { get; init; }
}
