namespace CryptoStreamLab.Core.Indicators;

/// <summary>MACD's three outputs on one candle.</summary>
public readonly record struct MacdPoint(double Line, double Signal, double Histogram);
