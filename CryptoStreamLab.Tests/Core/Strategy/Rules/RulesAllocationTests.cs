using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Strategy.Rules;

public class RulesAllocationTests
{
    [Theory]
    [InlineData(SeedRules.Buy, SeedRules.Sell)]
    [InlineData(
        "crossover(ema(close, 12), sma((high + low) / 2, 26)) and rsi(close, 14) < 70 and macd(close, 12, 26, 9) > macd_signal(close, 12, 26, 9)",
        "close < bb_lower(close, 20, 2) or stoch_d(14, 3) > 80 and stoch_k(14) > 90 or atr(14) > abs(prev(close, 3) - close) * max(1, min(2, 3))")]
    [InlineData(
        "highest(high, 20) > lowest(low, 20) and not prev(close > sma(volume, 5), 2) and rsi_sma(sma(close, 3), 5) >= 0",
        "crossunder(close, prev(close, 1)) and macd_hist(close, 5, 10, 3) < 0 or bb_upper(open, 10, 1.5) == 0 or -close > 0")]
    public void Committing_and_previewing_a_candle_allocates_nothing(string buy, string sell)
    {
        var strategy = new RulesStrategy(new RulesParameters { Buy = buy, Sell = sell });
        var candles = Enumerable.Range(0, 2_000).Select(i => RuleHarness.Candle(100 + (i % 17) * 0.37m - (i % 5) * 0.5m,
            high: 102 + (i % 7) * 0.1m, low: 97 - (i % 3) * 0.2m, volume: 1 + i % 11, openTime: i * 60_000L)).ToArray();
        for (var i = 0; i < 500; i++) Run(strategy, candles[i]);

        var allocated = Allocations.ThreePasses((from, to) =>
        {
            for (var i = from; i < to; i++) Run(strategy, candles[i]);
        }, 500, candles.Length);

        allocated.Min().Should().Be(0, $"passes allocated {string.Join(", ", allocated)} bytes");
    }

    private static void Run(RulesStrategy strategy, in Candle candle)
    {
        var series = SeriesValues.Empty;
        strategy.Preview(candle with { IsClosed = false }, series);
        strategy.OnCandle(candle, series);
    }
}
