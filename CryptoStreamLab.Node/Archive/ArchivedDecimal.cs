namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// Prices and volumes are archived as DOUBLE (the seed's type) and traded as exact decimals. Binance quotes them with at
/// most 8 decimals, so the decimal a double was made from is the nearest 8-decimal number whenever that number converts
/// back to the same double: read back that way, an archived candle equals the one that was applied, digit for digit.
/// </summary>
public static class ArchivedDecimal
{
    private const byte Scale = 8;
    private const double Units = 100_000_000d;

    // Below 2^53 a double holds every whole number exactly, so the rounded count of 1e-8 units is exact.
    private const double ExactLimit = 9_007_199_254_740_992d;

    public static decimal FromDouble(double value)
    {
        var scaled = Math.Round(value * Units);
        if (Math.Abs(scaled) < ExactLimit)
        {
            var units = (long)Math.Abs(scaled);
            var candidate = new decimal((int)units, (int)(units >> 32), 0, value < 0, Scale);
            if ((double)candidate == value) return candidate;
        }
        // More than 8 decimals (not a Binance value) or beyond a double's exact range: the closest decimal there is.
        return (decimal)value;
    }
}
