using System.Collections;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Backtesting;

namespace CryptoStreamLab.Tests.Web.Components.Backtesting;

public class BacktestJobTests
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly EngineSettings Settings = new(new StrategyOptions { FastPeriod = 5, SlowPeriod = 20, SellRsiMin = 20 }, new TradingOptions());

    [Fact]
    public async Task A_run_reports_rising_progress_and_curves_that_end_at_the_statistics()
    {
        var candles = TestCandles.Avax();
        var progress = new List<double>();

        var outcome = await BacktestJob.RunAsync(Avax, Settings, candles, p => { lock (progress) progress.Add(p); }, CancellationToken.None);

        progress.Should().HaveCount(100).And.BeInAscendingOrder();
        progress[^1].Should().Be(1.0);
        outcome.Curve.Should().HaveCount(candles.Count);
        outcome.Curve[^1].Equity.Should().Be(outcome.Statistics.FinalEquity);
        outcome.Curve[^1].BuyAndHold.Should().Be(outcome.Statistics.BuyAndHoldEquity);
        outcome.Curve[0].BuyAndHold.Should().BeLessThan(10_000m, "buy and hold paid its fee on the first candle");
        outcome.Statistics.Should().Be(Backtester.Run(Avax, Settings, candles).Statistics);
    }

    [Fact]
    public async Task Cancelling_a_running_job_ends_it_with_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        var candles = new GatedCandles(TestCandles.Avax(), gateAt: 100);

        var run = BacktestJob.RunAsync(Avax, Settings, candles, null, cancel.Token);
        candles.Reached.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        await cancel.CancelAsync();
        candles.Open.Set();

        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>();
        candles.Served.Should().BeLessThan(candles.Count, "the run stopped before the end");
    }

    [Fact]
    public void Thinning_keeps_short_curves_and_the_last_point_of_long_ones()
    {
        var shortCurve = Enumerable.Range(0, 10).Select(i => new CurvePoint(i, i, i, i)).ToList();
        BacktestCharts.Thin(shortCurve).Should().BeSameAs(shortCurve);

        var longCurve = Enumerable.Range(0, 40_320).Select(i => new CurvePoint(i, i, i, i)).ToList();
        var thinned = BacktestCharts.Thin(longCurve);
        thinned.Count.Should().BeLessThanOrEqualTo(BacktestCharts.MaxLinePoints + 1);
        thinned[0].Should().Be(longCurve[0]);
        thinned[^1].Should().Be(longCurve[^1]);
    }

    /// <summary>Candles that stop at one index until the test opens the gate, to cancel a run while it is in progress.</summary>
    private sealed class GatedCandles(IReadOnlyList<Candle> candles, int gateAt) : IReadOnlyList<Candle>
    {
        public ManualResetEventSlim Reached { get; } = new();

        public ManualResetEventSlim Open { get; } = new();

        public int Served { get; private set; }

        public int Count => candles.Count;

        public Candle this[int index] => candles[index];

        public IEnumerator<Candle> GetEnumerator()
        {
            for (var i = 0; i < candles.Count; i++)
            {
                if (i == gateAt)
                {
                    Reached.Set();
                    Open.Wait();
                }

                Served = i + 1;
                yield return candles[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
