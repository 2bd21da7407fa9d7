namespace CryptoStreamLab.Node.Wire;

/// <summary>A fill inside an evaluation message: side BUY or SELL, reason Signal, StopLoss or TakeProfit.</summary>
public sealed record FillMessage(long OpenTime, string Side, decimal Price, decimal Quantity, decimal Fee, decimal CashAfter, decimal QuantityAfter, string Reason);
