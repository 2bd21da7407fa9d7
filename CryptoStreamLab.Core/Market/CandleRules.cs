using System.Globalization;
using CryptoStreamLab.Core.Indicators;

namespace CryptoStreamLab.Core.Market;

/// <summary>
/// The one place that says whether a candle may enter a stream. Every entry (the candle topic, Binance frames and REST
/// rows, replay and synthetic sources, kline files, the archive) asks here, so a candle refused at one is refused at
/// all, with the same reason. Pure: the present is passed in by whoever owns a clock.
/// </summary>
public static class CandleRules
{
    /// <summary>2010-01-01T00:00:00Z: the earliest open time a candle may have.</summary>
    public const long MinOpenTime = 1_262_304_000_000;

    /// <summary>2100-01-01T00:00:00Z: open times must be earlier.</summary>
    public const long MaxOpenTime = 4_102_444_800_000;

    /// <summary>The smallest price the engine can tell from zero: one <see cref="PriceTicks"/> unit (10⁻⁸).</summary>
    public const decimal MinPrice = 0.00000001m;

    /// <summary>The largest price the engine's indicators can hold (<see cref="PriceTicks"/> are 64-bit).</summary>
    public const decimal MaxPrice = PriceTicks.MaxPrice;

    /// <summary>A volume the account and statistics can multiply by any valid price without overflowing a decimal.</summary>
    public const decimal MaxVolume = 100_000_000_000_000_000m;

    /// <summary>Why <paramref name="candle"/> cannot be used, or null when it is sound. Does not look at the clock.</summary>
    public static string? Problem(in Candle candle)
    {
        if (SymbolRules.Problem(candle.Symbol) is { } symbol) return symbol;
        if ((uint)candle.Interval > (uint)KlineInterval.OneMonth) return $"interval {(int)candle.Interval} is not a Binance interval";
        if (candle.Open <= 0 || candle.High <= 0 || candle.Low <= 0 || candle.Close <= 0)
            return $"prices must be positive (open {candle.Open}, high {candle.High}, low {candle.Low}, close {candle.Close})";
        if (candle.High < candle.Low) return $"high {candle.High} is below low {candle.Low}";
        if (candle.Open > candle.High || candle.Open < candle.Low || candle.Close > candle.High || candle.Close < candle.Low)
            return $"open {candle.Open} or close {candle.Close} lies outside low {candle.Low} .. high {candle.High}";
        // The engine counts prices in whole 10⁻⁸ units in 64 bits: a price outside that range cannot be evaluated, and
        // once in a stream's buffer it would fail every candle after it.
        if (candle.High > MaxPrice) return $"high {candle.High} is above {MaxPrice}, the largest price the engine can represent";
        if (candle.Low < MinPrice) return $"low {candle.Low} is below {MinPrice}, the smallest price the engine can represent";
        if (candle.Volume < 0 || candle.QuoteVolume < 0)
            return $"volume must not be negative (volume {candle.Volume}, quote volume {candle.QuoteVolume})";
        if (candle.Volume > MaxVolume || candle.QuoteVolume > MaxVolume)
            return $"volume {candle.Volume} or quote volume {candle.QuoteVolume} is above {MaxVolume}, more than the engine can represent";
        if (candle.TradeCount < 0) return $"trade count {candle.TradeCount} is negative";
        // No exchange traded crypto before 2010, and a time past 2099 is a unit or clock mistake (seconds read as
        // milliseconds give 1970; microseconds read as milliseconds give a year above 50,000): such a candle would
        // poison a stream's time order for good, so it is refused rather than applied.
        if (candle.OpenTime < MinOpenTime)
            return $"open time {candle.OpenTime} ({Describe(candle.OpenTime)}) is before 2010, earlier than any crypto market";
        if (candle.OpenTime >= MaxOpenTime)
            return $"open time {candle.OpenTime} ({Describe(candle.OpenTime)}) is after 2099, not a real candle's time";
        // A candle off its interval's grid (a 1m candle opening at :30) would sit between two real ones and shift every indicator.
        if (!candle.Interval.IsAligned(candle.OpenTime))
            return $"open time {candle.OpenTime} ({Describe(candle.OpenTime, withTime: true)}) is not on a {candle.Interval.ToCode()} boundary " +
                $"(the candle would open at {Describe(candle.Interval.OpenTimeAt(candle.OpenTime), withTime: true)})";
        if (candle.CloseTime < candle.OpenTime) return $"close time {candle.CloseTime} is before open time {candle.OpenTime}";
        return null;
    }

    /// <summary>
    /// As <see cref="Problem(in Candle)"/>, and refuses a candle from the future: one opening later than one interval after
    /// <paramref name="nowMs"/> (epoch ms). Once applied, such a candle would make a stream refuse every real one after it.
    /// </summary>
    public static string? Problem(in Candle candle, long nowMs) => Problem(candle) ?? Future(candle, nowMs);

    /// <summary>Why <paramref name="candle"/> lies in the future at <paramref name="nowMs"/>, or null when it does not.</summary>
    public static string? Future(in Candle candle, long nowMs)
    {
        var latest = nowMs is > MinOpenTime and < MaxOpenTime ? candle.Interval.NextOpenTime(nowMs) : nowMs;
        return candle.OpenTime > latest
            ? $"open time {candle.OpenTime} ({Describe(candle.OpenTime, withTime: true)}) is in the future: more than one " +
              $"{candle.Interval.ToCode()} interval after now ({Describe(nowMs, withTime: true)})"
            : null;
    }

    private static string Describe(long epochMs, bool withTime = false) =>
        epochMs is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString(withTime ? "yyyy-MM-ddTHH:mm:ss.fffZ" : "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "beyond the calendar";
}
