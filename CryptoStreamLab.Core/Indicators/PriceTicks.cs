namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// Prices as whole numbers of 10⁻⁸ (Binance's finest price step), so indicator sums are exact integer
/// arithmetic: no drift, ties stay ties, and an update costs a few integer operations instead of decimal ones.
/// Values with more than eight decimals are rounded to the nearest 10⁻⁸, which no indicator can notice.
/// </summary>
public static class PriceTicks
{
    public const long PerUnit = 100_000_000;

    /// <summary>The largest price a tick count can hold: <see cref="long.MaxValue"/> units of 10⁻⁸, rounded down to a whole number.</summary>
    public const decimal MaxPrice = 92_233_720_368m;

    private const double PerUnitDouble = PerUnit;

    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <exception cref="OverflowException">The value is beyond ±92 billion.</exception>
    public static long FromDecimal(decimal value)
    {
        // Fast path: read the decimal's 96-bit mantissa and scale directly instead of doing decimal arithmetic.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && scale <= 8)
        {
            var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
            var factor = PowersOfTen[8 - scale];
            if (mantissa <= long.MaxValue / factor)
            {
                var ticks = (long)(mantissa * factor);
                return bits[3] < 0 ? -ticks : ticks;
            }
        }

        return decimal.ToInt64(decimal.Round(value * PerUnit, MidpointRounding.ToEven));
    }

    public static double ToDouble(Int128 ticks, int divisor = 1) => (double)ticks / (PerUnitDouble * divisor);
}
