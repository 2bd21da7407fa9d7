using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

/// <summary>A decision at a candle may use only that candle and earlier ones.</summary>
public class NoLookaheadTests
{
    [Theory]
    [InlineData(60)]
    [InlineData(1_234)]
    [InlineData(5_000)]
    public void Cutting_off_the_future_changes_no_earlier_decision(int keep)
    {
        var stream = new StreamKey("AVAXUSDT", KlineInterval.OneMinute);
        var settings = new EngineSettings(
            new StrategyOptions { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 },
            new TradingOptions { StopLossPct = 0.01m, TakeProfitPct = 0.02m });
        var candles = TestCandles.Avax();
        var full = new List<Evaluation>();
        var truncated = new List<Evaluation>();

        Backtester.Run(stream, settings, candles, full.Add);
        Backtester.Run(stream, settings, candles.Take(keep), truncated.Add);

        truncated.Should().Equal(full.Take(keep));
        full.Take(keep).Count(e => e.Fill is not null).Should().BeGreaterThan(0, "the kept part must contain decisions that could change");
    }
}
