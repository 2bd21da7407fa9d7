namespace CryptoStreamLab.Core.Trading;

public enum TradeSide
{
    Buy,
    Sell,
}

/// <summary>Why a fill happened: the strategy's signal, or a risk exit.</summary>
public enum FillReason
{
    Signal,
    StopLoss,
    TakeProfit,
}

/// <summary>
/// One paper trade, filled at the signal candle's close. A stream fills at most once per candle, so
/// (stream, <see cref="CandleOpenTime"/>) identifies it.
/// </summary>
public readonly record struct Fill(
    long CandleOpenTime,
    TradeSide Side,
    decimal Price,
    decimal Quantity,
    decimal Fee,
    decimal CashAfter,
    decimal QuantityAfter,
    FillReason Reason = FillReason.Signal)
{
    public decimal Notional => Price * Quantity;

    public decimal EquityAfter => CashAfter + QuantityAfter * Price;
}
