using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static CryptoStreamLab.Tests.Support.TestCandles;

namespace CryptoStreamLab.Tests.Node.Streams;

/// <summary>
/// Several strategies on one stream: each (stream, strategy) trades its own account on the same candles, exactly as its
/// backtest does, keeps its own ledger rows, resets alone, and carries on across a restart and a handover to another node.
/// </summary>
public sealed class SeveralStrategiesTests : IDisposable
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);
    private static readonly StreamKey Eth = new("ETHUSDT", KlineInterval.OneMinute);
    private static readonly TradingOptions Trading = new();

    // Short averages and any RSI: every crossover trades; a breakout with short channels trades differently.
    private static readonly StrategySetup Seed = StrategySetup.Seed(
        new StrategyOptions { FastPeriod = 3, SlowPeriod = 6, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 }, "seed");
    private static readonly StrategySetup Breakout = new(BuiltInStrategies.All.Single(d => d.Name == "DonchianBreakout"), "breakout",
        new DonchianBreakoutParameters { EntryPeriod = 5, ExitPeriod = 3 });

    private readonly TempFolder _dir = new("several-strategies-");

    public void Dispose() => _dir.Dispose();

    private static StrategyLineup Lineup(params LineupEntry[] entries) => new(entries, isConfigured: true);

    private static readonly StrategyLineup Both = Lineup(new LineupEntry(Seed), new LineupEntry(Breakout));

    private static List<Candle> ZigZag(int count, string symbol = "BTCUSDT") =>
        Enumerable.Range(0, count).Select(i => Make(i, 100 + (i % 16 < 8 ? i % 16 : 16 - i % 16) * 2 + i * 0.1m, symbol: symbol)).ToList();

    private static BacktestSummary Backtest(StrategySetup strategy, IEnumerable<Candle> candles) =>
        Backtester.Run(Btc, EngineSettings.For(strategy, Trading), candles);

    private static StreamDirectory Directory(StrategyLineup lineup, LedgerRecorder? ledger = null, IStateSink? sink = null, string node = "A") =>
        new([Btc], new EngineSettings(new StrategyOptions(), Trading, 50), ledger, publication: sink is null ? null : new StatePublication(sink, node),
            lineup: lineup);

    [Fact]
    public void Each_strategy_trades_its_own_account_on_the_same_candles_as_its_backtest_does()
    {
        var candles = ZigZag(150);
        var directory = Directory(Both);
        foreach (var candle in candles) directory.Apply(candle);

        var snapshot = directory.Snapshot(Btc);
        snapshot.Strategies.Select(v => v.Strategy).Should().Equal("seed", "breakout");
        snapshot.Strategy.Should().Be("seed", "a stream's snapshot is its first strategy's view");
        foreach (var (strategy, view) in new[] { (Seed, snapshot.For("seed")!), (Breakout, snapshot.For("BREAKOUT")!) })
        {
            var backtest = Backtest(strategy, candles);
            backtest.Fills.Should().NotBeEmpty();
            view.Fills.Should().Equal(backtest.Fills, strategy.Name);
            (view.Account.Cash, view.Account.Quantity).Should().Be((backtest.FinalCash, backtest.FinalQuantity), strategy.Name);
            view.Candles.Should().BeSameAs(snapshot.Candles, "the strategies share the stream's candles");
            view.SeriesSpecs.Should().Equal(strategy.Series);
        }

        snapshot.For("seed")!.Fills.Should().NotEqual(snapshot.For("breakout")!.Fills, "two strategies, two accounts");
        snapshot.For("nope").Should().BeNull();
    }

    [Fact]
    public void A_strategy_limited_to_some_streams_runs_only_there()
    {
        var lineup = Lineup(new LineupEntry(Seed), new LineupEntry(Breakout, ["ETHUSDT-1m"]));
        var directory = new StreamDirectory([Btc, Eth], new EngineSettings(new StrategyOptions(), Trading, 50), lineup: lineup);
        foreach (var candle in ZigZag(10).Concat(ZigZag(10, "ETHUSDT"))) directory.Apply(candle);

        directory.Snapshot(Btc).Views.Select(v => v.Strategy).Should().Equal("seed");
        directory.Snapshot(Eth).Views.Select(v => v.Strategy).Should().Equal("seed", "breakout");
    }

    [Fact]
    public void Each_strategy_keeps_its_own_ledger_rows_and_a_restart_restores_every_one()
    {
        var candles = ZigZag(150);
        var path = Path.Combine(_dir.Path, "ledger.db");
        using (var ledger = new LedgerRecorder(path, NullLogger<LedgerRecorder>.Instance))
        {
            var directory = Directory(Both, ledger);
            foreach (var candle in candles.Take(100)) directory.Apply(candle);
            ledger.WaitForWrites(TimeSpan.FromSeconds(10)).Should().BeTrue();
            ledger.Load("BTCUSDT-1m/seed", 10).Should().NotBeNull();
            ledger.Load("BTCUSDT-1m/breakout", 10).Should().NotBeNull();
            ledger.Load("BTCUSDT-1m", 10).Should().BeNull("a configured lineup keeps each strategy under stream/strategy");
        }

        using (var ledger = new LedgerRecorder(path, NullLogger<LedgerRecorder>.Instance))
        {
            var directory = Directory(Both, ledger);
            // A restart replays the buffer from before (as the archive or the topic would); nothing trades twice.
            foreach (var candle in candles) directory.Apply(candle);
            var snapshot = directory.Snapshot(Btc);
            foreach (var strategy in new[] { Seed, Breakout })
            {
                var backtest = Backtest(strategy, candles);
                snapshot.For(strategy.Name)!.Account.Cash.Should().Be(backtest.FinalCash, strategy.Name);
                snapshot.For(strategy.Name)!.Account.Quantity.Should().Be(backtest.FinalQuantity, strategy.Name);
                snapshot.For(strategy.Name)!.Account.FillCount.Should().Be(backtest.Fills.Count, strategy.Name);
            }
        }
    }

    [Fact]
    public void A_reset_names_one_strategy_or_resets_them_all()
    {
        var directory = Directory(Both);
        foreach (var candle in ZigZag(150)) directory.Apply(candle);

        directory.ResetAccount(Btc, "breakout");
        var snapshot = directory.Snapshot(Btc);
        snapshot.For("breakout")!.Fills.Should().BeEmpty();
        snapshot.For("breakout")!.Account.Cash.Should().Be(Trading.StartingBalance);
        snapshot.For("seed")!.Fills.Should().NotBeEmpty("only the named strategy was reset");

        directory.ResetAccount(Btc);
        directory.Snapshot(Btc).Views.Should().OnlyContain(v => v.Fills.Count == 0);
    }

    [Fact]
    public void A_new_owner_restores_every_strategy_from_the_state_topic_and_trades_on_as_each_backtest_would()
    {
        var candles = ZigZag(150);
        var published = new Recording();
        var a = Directory(Both, sink: published, node: "A");
        for (var i = 0; i < 80; i++) a.Apply(candles[i], origin: new CandleOrigin(1, i));
        published.Updates.Select(u => u.Strategy).Distinct().Should().BeEquivalentTo(["seed", "breakout"]);

        // Node B follows the state topic through the codec, as a real node does, then takes the partition over.
        var b = Directory(Both, sink: new Recording(), node: "B");
        foreach (var update in published.Updates)
        {
            StateCodec.TryDeserialize(Btc.Id, StateCodec.Serialize(update), 1 << 20, out var read, out _).Should().BeNull();
            b.ApplyState(read!);
        }

        b.TakeOver([1]).Should().Equal(new Dictionary<int, long> { [1] = 80 });
        for (var i = 80; i < candles.Count; i++) b.Apply(candles[i], origin: new CandleOrigin(1, i));

        var snapshot = b.Snapshot(Btc);
        foreach (var strategy in new[] { Seed, Breakout })
        {
            var backtest = Backtest(strategy, candles);
            snapshot.For(strategy.Name)!.Fills.Should().Equal(backtest.Fills, $"{strategy.Name}: fills before the handover come from A, after it from B, none twice");
            snapshot.For(strategy.Name)!.Account.Cash.Should().Be(backtest.FinalCash, strategy.Name);
        }
    }

    [Fact]
    public void A_dashboard_shows_every_strategy_it_follows_in_configuration_order()
    {
        var published = new Recording();
        var engine = Directory(Both, sink: published);
        foreach (var candle in ZigZag(40)) engine.Apply(candle, origin: new CandleOrigin(0, candle.OpenTime));
        var dashboard = new StreamDirectory([Btc], new EngineSettings(new StrategyOptions(), Trading, 50), runsEngines: false, lineup: Both);

        // The breakout's messages arrive first: configuration order still puts the seed first.
        foreach (var update in published.Updates.OrderBy(u => u.Strategy == "seed")) dashboard.ApplyState(update);

        var snapshot = dashboard.Snapshot(Btc);
        snapshot.Views.Select(v => v.Strategy).Should().Equal("seed", "breakout");
        snapshot.For("breakout")!.Evaluations.Should().HaveCount(40);
        snapshot.For("breakout")!.SeriesSpecs.Should().Equal(Breakout.Series);
        snapshot.For("seed")!.Account.Should().Be(engine.Snapshot(Btc).For("seed")!.Account);
    }

    private sealed class Recording : IStateSink
    {
        public List<StateUpdate> Updates { get; } = [];

        public void Publish(StateUpdate update) => Updates.Add(update);
    }
}
