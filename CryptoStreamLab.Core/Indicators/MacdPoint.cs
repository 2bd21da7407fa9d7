namespace CryptoStreamLab.Core.Indicators;

/// <summary>One MACD reading: the line, its signal and their difference; NaN where not defined yet.</summary>
public readonly record struct MacdPoint(double Line, double Signal, double Histogram);
