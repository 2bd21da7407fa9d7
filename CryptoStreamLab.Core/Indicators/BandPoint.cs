namespace CryptoStreamLab.Core.Indicators;

/// <summary>One reading of a band indicator (Bollinger): upper, middle and lower lines; NaN until defined.</summary>
public readonly record struct BandPoint(double Upper, double Middle, double Lower);
