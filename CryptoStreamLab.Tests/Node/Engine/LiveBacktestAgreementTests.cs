using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Engine;

/// <summary>
/// The live path's store, fed as the Kafka consumer feeds it (open-candle updates, repeats, candles whose
/// closing update never came), records the same fills as a backtest over the candles it ended up with.
/// </summary>
public class LiveBacktestAgreementTests
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);

    private static readonly EngineSettings Settings = new(
        new StrategyOptions { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 10 },
        new TradingOptions { StopLossPct = 0.003m, TakeProfitPct = 0.006m },
        BufferCapacity: 5_000);

    [Fact]
    public void Replaying_the_closed_candles_a_live_stream_applied_gives_identical_fills_and_statistics()
    {
        var market = new StreamDirectory([Avax], Settings);
        var candles = TestCandles.Avax().Take(3_000).ToList();
        for (var i = 0; i < candles.Count; i++) ApplyLikeTheFeed(market, candles[i], sendClose: i % 7 != 3 || i == candles.Count - 1);

        var live = market.Snapshot(Avax);
        live.Candles.Should().HaveCount(candles.Count).And.OnlyContain(c => c.IsClosed);
        live.Fills.Should().HaveCountGreaterThan(20, "the comparison needs trades to compare");
        live.Fills.Should().Contain(f => f.Reason == FillReason.StopLoss).And.Contain(f => f.Reason == FillReason.TakeProfit);

        var evaluations = new List<Evaluation>();
        var backtest = Backtester.Run(Avax, Settings, live.Candles, evaluations.Add);

        backtest.Fills.Should().Equal(live.Fills);
        live.Candles.Should().Equal(candles, "the committed candles are exactly the final updates");
        BacktestStatistics.Compute(live.Evaluations, Avax.Interval, Settings.Trading).Should().Be(backtest.Statistics);
        live.Evaluations.Should().Equal(evaluations);
    }

    /// <summary>
    /// A candle as the exchange streams it: a first tick, the same tick again, the final values still open,
    /// then (usually) the closing update. Without it, the next candle's first tick commits this one.
    /// </summary>
    private static void ApplyLikeTheFeed(StreamDirectory market, Candle candle, bool sendClose)
    {
        var firstTick = candle with { High = candle.Open, Low = candle.Open, Close = candle.Open, Volume = 0, QuoteVolume = 0, TradeCount = 1, IsClosed = false };
        market.Apply(firstTick).Should().Be(CandleApplyOutcome.Applied);
        market.Apply(firstTick).Should().Be(CandleApplyOutcome.Unchanged);
        market.Apply(candle with { IsClosed = false });
        if (sendClose) market.Apply(candle).Should().Be(CandleApplyOutcome.Applied);
    }
}
