using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

/// <summary>A run over a time window: the candles before it only warm the engine; statistics and rows cover the window.</summary>
public class WarmUpTests
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly Candle[] Candles = TestCandles.Avax().ToArray();

    // Thresholds that trade often on these candles, so windows hold fills to compare.
    private static readonly EngineSettings Settings = new(
        new StrategyOptions { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 },
        new TradingOptions { StopLossPct = 0.01m });

    private static readonly TimeWindow Window = new(Candles[3_000].OpenTime, Candles[5_000].OpenTime);

    [Fact]
    public void The_warm_up_length_covers_the_slow_average_and_the_rsi()
    {
        WarmUp.CandlesFor(new StrategyOptions { SlowPeriod = 50, RsiPeriod = 14 }).Should().Be(50);
        WarmUp.CandlesFor(new StrategyOptions { FastPeriod = 2, SlowPeriod = 10, RsiPeriod = 30 }).Should().Be(30);
        WarmUp.CandlesFor(new StrategyOptions { SlowPeriod = 50, RsiPeriod = 14, RsiMethod = RsiMethod.Wilder }).Should().Be(280);
        WarmUp.CandlesFor([new StrategyOptions { SlowPeriod = 40 }, new StrategyOptions { SlowPeriod = 80 }]).Should().Be(80);
    }

    [Fact]
    public void Only_the_windows_candles_are_evaluated_counted_and_traded_and_the_account_starts_fresh_at_its_start()
    {
        var rows = new List<Evaluation>();

        var summary = Backtester.Run(Avax, Settings, Candles, Window, rows.Add);

        rows.Should().HaveCount(2_000);
        rows[0].Candle.Should().Be(Candles[3_000]);
        rows[^1].Candle.Should().Be(Candles[4_999]);
        summary.Candles.Should().Be(2_000);
        summary.Statistics.Candles.Should().Be(2_000);
        summary.Fills.Should().NotBeEmpty().And.OnlyContain(f => Window.Contains(f.CandleOpenTime));
        double.IsNaN(rows[0].SlowMa).Should().BeFalse("the candles before the window warmed the slow average");
        double.IsFinite(rows[0].Rsi).Should().BeTrue();
        summary.Statistics.StartingBalance.Should().Be(10_000m);
        summary.Statistics.BuyAndHoldProfitPct.Should().Be(BuyAndHoldPct(Candles[3_000].Close, Candles[4_999].Close));
    }

    [Theory]
    [InlineData(7, 25, 14)] // the slow average sets the warm-up
    [InlineData(3, 8, 30)] // the RSI does
    public void With_the_simple_rsi_the_warm_up_decides_exactly_as_the_whole_history_before_the_window(int fast, int slow, int rsiPeriod)
    {
        var strategy = Settings.Strategy.Clone();
        (strategy.FastPeriod, strategy.SlowPeriod, strategy.RsiPeriod) = (fast, slow, rsiPeriod);
        var settings = Settings with { Strategy = strategy };
        // Windows opening on a candle where the strategy signals: the first decision needs the previous side and a ready RSI.
        var whole = new List<Evaluation>();
        Backtester.Run(Avax, settings, Candles, whole.Add);
        var starts = whole.Select((e, i) => (e, i)).Where(x => x.i > 100 && x.e.Signal != Signal.Hold).Select(x => x.i).Take(15).ToList();
        starts.Should().HaveCount(15);

        foreach (var start in starts.Append(3_000))
        {
            var window = new TimeWindow(Candles[start].OpenTime, Candles[start + 300].OpenTime);
            var rows = new List<Evaluation>();
            Backtester.Run(Avax, settings, Candles, window, rows.Add);

            rows.Should().Equal(WarmedOnEverything(settings, window), $"the window from candle {start}");
            if (start != 3_000) rows[0].Signal.Should().NotBe(Signal.Hold);
        }
    }

    // The engine warmed on every candle since the first, its account idle until the window opens.
    private static List<Evaluation> WarmedOnEverything(EngineSettings settings, TimeWindow window)
    {
        var engine = new StreamEngine(Avax, settings);
        engine.ResetAccount(window.From - 1);
        var expected = new List<Evaluation>();
        foreach (var candle in Candles.TakeWhile(c => c.OpenTime < window.To))
        {
            engine.Apply(candle);
            if (candle.OpenTime >= window.From) expected.Add(engine.Evaluations[engine.Evaluations.Count - 1]);
        }

        return expected;
    }

    [Fact]
    public void Wilders_rsi_after_its_warm_up_is_that_of_the_whole_history_to_a_millionth()
    {
        var wilder = Settings with { Strategy = Settings.Strategy.Clone() };
        wilder.Strategy.RsiMethod = RsiMethod.Wilder;
        var whole = new List<Evaluation>();
        Backtester.Run(Avax, wilder, Candles, whole.Add);
        var windowed = new List<Evaluation>();

        Backtester.Run(Avax, wilder, Candles, Window, windowed.Add);

        var reference = whole.Skip(3_000).Take(2_000).ToList();
        windowed.Select(e => e.Rsi).Should().Equal(reference.Select(e => e.Rsi), (a, b) => Math.Abs(a - b) < 1e-6);
        windowed.Select(e => e.Rsi).Should().NotEqual(reference.Select(e => e.Rsi), "Wilder's smoothing never forgets the start entirely");
    }

    [Fact]
    public void A_sequence_read_once_gives_the_same_run_as_the_array_and_is_not_read_past_the_window()
    {
        var read = 0;
        IEnumerable<Candle> Reading()
        {
            foreach (var candle in Candles)
            {
                read++;
                yield return candle;
            }
        }

        var fromArray = new List<Evaluation>();
        var fromSequence = new List<Evaluation>();
        Backtester.Run(Avax, Settings, Candles, Window, fromArray.Add);
        Backtester.Run(Avax, Settings, Reading(), Window, fromSequence.Add);

        fromSequence.Should().Equal(fromArray);
        read.Should().Be(5_001, "reading stops at the first candle at or after the window's end");
    }

    [Fact]
    public void A_window_at_the_datas_start_warms_on_nothing_and_equals_a_plain_run_of_its_candles()
    {
        var window = new TimeWindow(long.MinValue, Candles[1_000].OpenTime);
        var plain = new List<Evaluation>();
        var windowed = new List<Evaluation>();

        Backtester.Run(Avax, Settings, Candles.Take(1_000), plain.Add);
        Backtester.Run(Avax, Settings, Candles, window, windowed.Add);

        windowed.Should().Equal(plain);
    }

    [Fact]
    public void A_window_without_candles_runs_none()
    {
        var gap = new TimeWindow(Candles[^1].OpenTime + 60_000, long.MaxValue);

        Backtester.Run(Avax, Settings, Candles, gap).Candles.Should().Be(0);
        Backtester.Run(Avax, Settings, Candles.Select(c => c), gap).Candles.Should().Be(0);
        CandleWindow.CountIn(Candles, gap).Should().Be(0);
    }

    [Fact]
    public void Slices_take_the_warm_up_before_the_window_and_stop_at_its_end()
    {
        var slice = CandleWindow.Select(Candles, Window, warmUp: 25);

        slice.Offset.Should().Be(2_975);
        slice.Count.Should().Be(2_025);
        CandleWindow.Select(Candles, new TimeWindow(Candles[10].OpenTime, Candles[20].OpenTime), warmUp: 25).Offset.Should().Be(0, "only 10 candles precede it");
        CandleWindow.IndexAtOrAfter(Candles, Candles[7].OpenTime + 1).Should().Be(8);
        CandleWindow.IndexAtOrAfter(Candles, long.MaxValue).Should().Be(Candles.Length);
        CandleWindow.CountIn(Candles, Window).Should().Be(2_000);
    }

    [Fact]
    public void A_sweep_over_a_window_gives_each_set_its_own_windowed_backtest()
    {
        var grid = ParameterGrid.Parse("fast=5,7;slow=25,60", Settings);

        var results = ParameterSweep.Run(Avax, Settings, grid.Sets, Candles, Window);

        results.Should().HaveCount(4);
        foreach (var result in results)
            result.Statistics.Should().Be(Backtester.Run(Avax, Settings.With(result.Setup), Candles, Window).Statistics);
        ParameterSweep.RunInGridOrder(Avax, Settings, grid.Sets, Candles, Window).Select(r => r.Index).Should().Equal(0, 1, 2, 3);
    }

    private static decimal BuyAndHoldPct(decimal firstClose, decimal lastClose)
    {
        var account = new PaperAccount(Settings.Trading);
        account.Execute(Signal.Buy, 0, firstClose);
        return (account.EquityAt(lastClose) - 10_000m) / 10_000m * 100m;
    }
}
