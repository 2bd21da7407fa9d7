using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

/// <summary>A <see cref="RulesStrategy"/> fed hand-made candles: a Buy signal means the Buy rule held (Sell never holds unless given).</summary>
public sealed class RuleHarness(string buy, string sell = "1 > 2")
{
    private long _openTime = 1_769_904_000_000; // 2026-02-01T00:00:00Z

    public RulesStrategy Strategy { get; } = new(new RulesParameters { Buy = buy, Sell = sell });

    /// <summary>The series values written by the last call.</summary>
    public SeriesValues Series;

    public static Candle Candle(decimal close, decimal? open = null, decimal? high = null, decimal? low = null, decimal volume = 1, long openTime = 0) =>
        new("LTCUSDT", KlineInterval.OneMinute, openTime, openTime + 59_999, open ?? close, high ?? Math.Max(open ?? close, close),
            low ?? Math.Min(open ?? close, close), close, volume, volume * close, 1, IsClosed: true);

    /// <summary>Commits a candle closing at <paramref name="close"/>.</summary>
    public Signal Close(decimal close) => Close(Candle(close));

    public Signal Close(Candle candle)
    {
        Series = SeriesValues.Empty;
        var decision = Strategy.OnCandle(candle with { OpenTime = _openTime, CloseTime = _openTime + 59_999 }, Series);
        _openTime += 60_000;
        return decision.Signal;
    }

    /// <summary>Previews an open candle closing at <paramref name="close"/> for now.</summary>
    public Signal Preview(decimal close)
    {
        Series = SeriesValues.Empty;
        return Strategy.Preview(Candle(close) with { OpenTime = _openTime, IsClosed = false }, Series).Signal;
    }

    /// <summary>Whether the Buy rule holds on one candle (a fresh strategy each time).</summary>
    public static bool Holds(string rule, Candle? candle = null) => new RuleHarness(rule).Close(candle ?? Candle(1)) == Signal.Buy;

    /// <summary>The Buy rule's signals over candles closing at <paramref name="closes"/>, true where it held.</summary>
    public static bool[] Over(string rule, params decimal[] closes)
    {
        var harness = new RuleHarness(rule);
        return [.. closes.Select(c => harness.Close(c) == Signal.Buy)];
    }
}
