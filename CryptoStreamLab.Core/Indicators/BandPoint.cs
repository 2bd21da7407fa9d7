namespace CryptoStreamLab.Core.Indicators;

/// <summary>Bollinger Bands' three outputs on one candle.</summary>
public readonly record struct BandPoint(double Upper, double Middle, double Lower);
