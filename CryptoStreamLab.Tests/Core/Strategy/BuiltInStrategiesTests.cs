using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Strategy.Rules;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Indicators;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Strategy;

/// <summary>Every built-in strategy on the shipped LTCUSDT month: registered, trading, previewing exactly, allocation-free, warmed correctly.</summary>
public class BuiltInStrategiesTests
{
    private static readonly StreamKey Ltc = new("LTCUSDT", KlineInterval.OneMinute);
    private static readonly IReadOnlyList<Candle> Month = LtcMonth.Data.Candles;

    public static TheoryData<string> Names() => new(BuiltInStrategies.All.Select(d => d.Name));

    public static TheoryData<string> Added() => new(["BollingerReversion", "MacdTrend", "Rsi2Reversal", "DonchianBreakout"]);

    private static StrategyDefinition Definition(string name) => BuiltInStrategies.All.Single(d => d.Name == name);

    /// <summary>The strategy with its defaults; Rules has none that trade, so it gets rules over most of its functions.</summary>
    private static StrategySetup Setup(string name) => name == BuiltInStrategies.Rules.Name
        ? new StrategySetup(BuiltInStrategies.Rules, parameters: new RulesParameters
        {
            Buy = "crossover(ema(close, 8), sma(close, 21)) and rsi(close, 14) < 70 and stoch_k(14) < 80 and macd_hist(close, 12, 26, 9) > -1",
            Sell = "crossunder(ema(close, 8), sma(close, 21)) or close < lowest(low, 30) or prev(close, 2) > bb_upper(close, 20, 2) + atr(14)",
        })
        : new StrategySetup(Definition(name));

    [Theory]
    [MemberData(nameof(Added))]
    public void Is_registered_by_its_class_name_with_a_description_and_defaults(string name)
    {
        var definition = Definition(name);
        definition.Type.Name.Should().Be(name);
        definition.Description.Should().NotBeNullOrWhiteSpace();
        definition.Parameters.Should().NotBeEmpty().And.OnlyContain(p => !string.IsNullOrEmpty(p.Description) && p.Min <= p.Max);
        var strategy = new StrategySetup(definition).Create();
        strategy.Series.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(SeriesValues.Capacity);
        strategy.WarmUpPeriod.Should().BePositive();
    }

    [Theory]
    [MemberData(nameof(Added))]
    public void A_backtest_over_the_LTCUSDT_month_trades(string name)
    {
        var settings = EngineSettings.For(new StrategySetup(Definition(name)), new TradingOptions());
        settings.Validate().Should().BeEmpty();

        var summary = Backtester.Run(Ltc, settings, Month);

        summary.Candles.Should().Be(Month.Count);
        summary.Fills.Should().NotBeEmpty();
        summary.Fills.Should().Contain(f => f.Side == TradeSide.Sell);
        summary.FinalEquity.Should().BePositive();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Preview_says_what_the_close_then_decides_and_changes_nothing(string name)
    {
        var previewed = Setup(name).Create();
        var plain = Setup(name).Create();
        var signals = 0;
        foreach (var candle in Month)
        {
            var preview = SeriesValues.Empty;
            var other = SeriesValues.Empty;
            var said = previewed.Preview(candle, preview);
            previewed.Preview(candle with { Close = candle.High, Low = candle.Low * 0.9m }, other); // the open candle moved

            var committed = SeriesValues.Empty;
            var decided = previewed.OnCandle(candle, committed);
            var reference = SeriesValues.Empty;
            plain.OnCandle(candle, reference).Should().Be(decided, "previews change nothing");
            committed.Should().Be(reference);
            said.Should().Be(decided);
            preview.Should().Be(committed);
            if (decided.Signal != Signal.Hold) signals++;
        }

        signals.Should().BePositive();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Deciding_and_previewing_allocate_nothing(string name)
    {
        var strategy = Setup(name).Create();
        var candles = Month.ToArray();
        var series = SeriesValues.Empty;

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                strategy.Preview(candles[i], series);
                strategy.OnCandle(candles[i], series);
            }
        }

        Run(0, 2_000);
        var allocated = Allocations.ThreePasses(Run, 2_000, candles.Length);
        allocated.Min().Should().Be(0, $"passes allocated {string.Join(", ", allocated)} bytes");
    }

    [Theory]
    [MemberData(nameof(Added))]
    public void With_its_warm_up_a_window_decides_as_the_whole_history_does(string name)
    {
        var settings = EngineSettings.For(new StrategySetup(Definition(name)), new TradingOptions());
        var whole = new List<Signal>();
        Backtester.Run(Ltc, settings, Month, e => whole.Add(e.Signal));
        // Windows opening on a candle where the strategy signals, so a warm-up one candle short shows.
        var starts = whole.Select((s, i) => (s, i)).Where(x => x.i > 1_000 && x.s != Signal.Hold).Select(x => x.i).Where((_, n) => n % 7 == 0).Take(10).ToList();
        starts.Should().HaveCount(10);

        foreach (var start in starts)
        {
            var window = new TimeWindow(Month[start].OpenTime, Month[start + 500].OpenTime);
            var rows = new List<Signal>();
            Backtester.Run(Ltc, settings, Month, window, e => rows.Add(e.Signal));
            rows.Should().Equal(whole.Skip(start).Take(500), $"the window from candle {start}");
        }
    }
}
