using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;
using static CryptoStreamLab.Tests.Support.TestCandles;

namespace CryptoStreamLab.Tests.Node.Streams;

/// <summary>
/// A stream handed from one node's engine to another's through its published state: the new owner restores account,
/// fills, curve and indicators from the replica and carries on exactly as the old owner would have.
/// </summary>
public sealed class StreamHandoverTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    // Short averages and any RSI: every crossover trades.
    private static readonly EngineSettings Settings = new(new StrategyOptions { FastPeriod = 3, SlowPeriod = 6, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 },
        new TradingOptions(), 50);

    /// <summary>A zig-zag of closes, so the averages cross again and again.</summary>
    private static List<Candle> ZigZag(int count) =>
        Enumerable.Range(0, count).Select(i => Make(i, 100 + (i % 16 < 8 ? i % 16 : 16 - i % 16) * 2 + i * 0.1m)).ToList();

    private sealed class Recording : IStateSink
    {
        public List<StateUpdate> Updates { get; } = [];

        public void Publish(StateUpdate update) => Updates.Add(update);
    }

    private static StreamDirectory Node(string id, IStateSink sink) => new([Btc], Settings, publication: new StatePublication(sink, id));

    [Fact]
    public void A_new_owner_restores_from_the_published_state_and_trades_on_exactly_as_the_old_one_would()
    {
        var candles = ZigZag(120);
        var reference = Backtest(candles);
        reference.Fills.Count.Should().BeGreaterThan(6, "the series must trade on both sides of the handover");

        // Node A owns the stream for the first 70 candles (partition 1, offsets 0…69) and publishes every change.
        var published = new Recording();
        var a = Node("A", published);
        for (var i = 0; i < 70; i++) a.Apply(candles[i], origin: new CandleOrigin(1, i));

        // Node B has followed the state topic; its engine then gets partition 1.
        var b = Node("B", new Recording());
        foreach (var update in published.Updates) b.ApplyState(update);
        b.Owner(Btc).Should().Be("A");
        var resume = b.TakeOver([1]);
        resume.Should().Equal(new Dictionary<int, long> { [1] = 70 }, "everything up to offset 69 is reflected in A's state");

        for (var i = 70; i < candles.Count; i++) b.Apply(candles[i], origin: new CandleOrigin(1, i));

        var snapshot = b.Snapshot(Btc);
        b.Owner(Btc).Should().Be("B");
        snapshot.Fills.Should().Equal(reference.Fills, "fills before the handover come from A's state, after it from B's engine, none twice");
        snapshot.Account.Should().Be(new AccountState(reference.FinalCash, reference.FinalQuantity, snapshot.Account.EntryPrice, reference.FeesPaid,
            reference.Fills.Count));
        snapshot.EquityCurve.Select(p => p.OpenTime).Should().Equal(candles.TakeLast(50).Select(c => c.OpenTime), "one point per closed candle across the handover");
        snapshot.Fills.Should().Contain(f => f.CandleOpenTime < candles[70].OpenTime).And.Contain(f => f.CandleOpenTime >= candles[70].OpenTime);
    }

    [Fact]
    public void Open_candle_changes_are_coalesced_to_one_per_interval_and_every_closed_candle_is_published()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var published = new Recording();
        var a = new StreamDirectory([Btc], Settings, clock: clock, publication: new StatePublication(published, "A"));
        var closed = ZigZag(3);
        a.Apply(closed[0], origin: new CandleOrigin(0, 0));
        a.Apply(closed[1], origin: new CandleOrigin(0, 1));
        published.Updates.Should().HaveCount(2, "each closed candle goes out at once");

        // Ten changes of the open candle in the same instant: the first goes out, the newest waits.
        var open = closed[2] with { IsClosed = false };
        for (var i = 1; i <= 10; i++) a.Apply(open with { Close = open.Close + i, High = Math.Max(open.High, open.Close + i) }, origin: new CandleOrigin(0, 1 + i));
        published.Updates.Should().HaveCount(3);
        a.Flush();
        published.Updates.Should().HaveCount(3, "the interval has not passed");

        clock.Advance(StreamState.PreviewInterval);
        a.Flush();
        published.Updates.Should().HaveCount(4);
        published.Updates[^1].Evaluation!.Value.Candle.Close.Should().Be(open.Close + 10, "the newest change is the one that goes out");
        a.Flush();
        published.Updates.Should().HaveCount(4, "nothing waits any more");

        // A change that waits is dropped when its candle closes: the close says it all.
        a.Apply(open with { Close = open.Close + 11, High = Math.Max(open.High, open.Close + 11) }, origin: new CandleOrigin(0, 12));
        a.Apply(open with { Close = open.Close + 12, High = Math.Max(open.High, open.Close + 12) }, origin: new CandleOrigin(0, 13));
        a.Apply(closed[2], origin: new CandleOrigin(0, 14));
        clock.Advance(StreamState.PreviewInterval);
        a.Flush();
        published.Updates.Skip(4).Should().ContainSingle().Which.Evaluation!.Value.IsPreview.Should().BeFalse();
    }

    [Fact]
    public void Candles_the_restored_state_already_reflects_are_not_traded_again()
    {
        var candles = ZigZag(80);
        var published = new Recording();
        var a = Node("A", published);
        for (var i = 0; i < 60; i++) a.Apply(candles[i], origin: new CandleOrigin(0, i));
        var fillsAtHandover = a.Snapshot(Btc).Fills;

        var b = Node("B", new Recording());
        foreach (var update in published.Updates) b.ApplyState(update);
        b.TakeOver([0]);
        // The group's committed offset lagged the published state: B reads the last 20 of A's candles again.
        for (var i = 40; i < 60; i++) b.Apply(candles[i], origin: new CandleOrigin(0, i));

        b.Snapshot(Btc).Fills.Should().Equal(fillsAtHandover);
        b.Snapshot(Btc).Account.Should().Be(a.Snapshot(Btc).Account);
    }

    [Fact]
    public void A_released_stream_is_shown_from_the_state_topic_and_a_reset_is_sent_to_its_owner()
    {
        var candles = ZigZag(30);
        var fromB = new Recording();
        var b = Node("B", fromB);
        for (var i = 0; i < 30; i++) b.Apply(candles[i], origin: new CandleOrigin(2, i));

        var commands = new List<StreamKey>();
        var a = new StreamDirectory([Btc], Settings, publication: new StatePublication(new Recording(), "A"), commands: new CommandRecorder(commands));
        for (var i = 0; i < 10; i++) a.Apply(candles[i], origin: new CandleOrigin(2, i));
        a.Owner(Btc).Should().Be("A");
        foreach (var update in fromB.Updates) a.ApplyState(update);

        a.Release([2]);

        a.Owner(Btc).Should().Be("B");
        a.Snapshot(Btc).Candles.Should().Equal(b.Snapshot(Btc).Candles, "the dashboard shows the owner's figures");
        a.ExecuteReset(Btc).Should().BeFalse("a command for a stream another engine runs is left to it");
        a.ResetAccount(Btc);
        commands.Should().Equal(Btc);
    }

    [Fact]
    public void A_reset_is_published_and_a_replica_clears_fills_and_curve_from_then_on()
    {
        var published = new Recording();
        var a = Node("A", published);
        foreach (var (candle, i) in ZigZag(40).Select((c, i) => (c, i))) a.Apply(candle, origin: new CandleOrigin(0, i));
        a.Snapshot(Btc).Fills.Should().NotBeEmpty();

        a.ExecuteReset(Btc).Should().BeTrue();
        var replica = Node("C", new Recording());
        foreach (var update in published.Updates) replica.ApplyState(update);

        published.Updates[^1].IsReset.Should().BeTrue();
        var shown = replica.Snapshot(Btc);
        shown.Fills.Should().BeEmpty();
        shown.EquityCurve.Should().BeEmpty();
        shown.Account.Should().Be(new AccountState(10_000m, 0, 0, 0, 0));
        shown.Candles.Should().Equal(a.Snapshot(Btc).Candles);
    }

    [Fact]
    public void A_node_without_an_engine_shows_only_published_state_and_sends_every_reset_to_the_owner()
    {
        var commands = new List<StreamKey>();
        var dashboard = new StreamDirectory([Btc], Settings, commands: new CommandRecorder(commands), runsEngines: false);

        dashboard.Keys.Should().BeEmpty("a configured stream no engine has published is not listed as an empty one");
        dashboard.Contains(Btc).Should().BeFalse();
        dashboard.Configured.Should().Equal([Btc]);

        var published = new Recording();
        var owner = Node("A", published);
        foreach (var (candle, i) in ZigZag(20).Select((c, i) => (c, i))) owner.Apply(candle, origin: new CandleOrigin(0, i));
        foreach (var update in published.Updates) dashboard.ApplyState(update);
        dashboard.Keys.Should().Equal([Btc]);
        dashboard.Snapshot(Btc).Candles.Should().Equal(owner.Snapshot(Btc).Candles);
        dashboard.Owner(Btc).Should().Be("A");
        dashboard.ResetAccount(Btc);
        commands.Should().Equal([Btc], "a dashboard resets nothing itself: the owner does");
    }

    private static BacktestSummary Backtest(IEnumerable<Candle> candles) =>
        Backtester.Run(Btc, Settings, candles);

    private sealed class CommandRecorder(List<StreamKey> sent) : ICommandSink
    {
        public void SendReset(StreamKey key, string? strategy = null) => sent.Add(key);
    }
}
