using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>Which fills and signals are alerted: new ones once, history never, a restart's replay never again.</summary>
public sealed class TradeAlertTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("alerts-").FullName;

    [Fact]
    public void What_a_stream_holds_when_first_seen_is_history_and_later_events_are_found_once()
    {
        var market = BusyStrategy.Market();
        var feeder = CsvCandleFeeder.ForSample(market);
        var tracker = new TradeEventTracker();
        feeder.ApplyClosed(1_500);
        var history = market.Snapshot(CsvCandleFeeder.Stream);
        history.Fills.Should().NotBeEmpty();

        tracker.Track(history, AlertEventKind.Fill | AlertEventKind.Signal).Should().BeEmpty("the first look is the baseline");
        feeder.ApplyClosed(900); // Fewer than the 1,000 evaluations a snapshot holds.
        var now = market.Snapshot(CsvCandleFeeder.Stream);
        var found = tracker.Track(now, AlertEventKind.Fill | AlertEventKind.Signal);

        var newFills = now.Fills.Where(f => f.CandleOpenTime > history.Candles[^1].OpenTime).ToList();
        var newSignals = now.Evaluations.Where(e => e.Candle.OpenTime > history.Candles[^1].OpenTime && e.Signal != Signal.Hold).ToList();
        newFills.Should().NotBeEmpty();
        newSignals.Count.Should().BeGreaterThanOrEqualTo(newFills.Count, "every fill follows a signal");
        found.Where(e => e.Kind == AlertEventKind.Fill).Select(e => e.Fill).Should().Equal(newFills.Select(f => (Fill?)f));
        found.Where(e => e.Kind == AlertEventKind.Signal).Select(e => e.Time).Should().Equal(newSignals.Select(e => e.Candle.OpenTime));
        found.Select(e => e.Time).Should().BeInAscendingOrder();
        tracker.Track(now, AlertEventKind.Fill | AlertEventKind.Signal).Should().BeEmpty("nothing is found twice");
    }

    [Fact]
    public void With_a_lineup_each_strategys_events_are_found_and_named_apart()
    {
        var lineup = new StrategyLineup([new LineupEntry(StrategySetup.Seed(BusyStrategy.Options, "busy")),
            new LineupEntry(new StrategySetup(BuiltInStrategies.All.Single(d => d.Name == "DonchianBreakout"), "breakout"))], isConfigured: true);
        var market = new StreamDirectory([CsvCandleFeeder.Stream], new EngineSettings(BusyStrategy.Options, new TradingOptions(), 1_000), lineup: lineup);
        var feeder = CsvCandleFeeder.ForSample(market);
        var tracker = new TradeEventTracker();
        tracker.Track(market.Snapshot(CsvCandleFeeder.Stream), AlertEventKind.Fill | AlertEventKind.Signal, named: true);
        feeder.ApplyClosed(900);

        var now = market.Snapshot(CsvCandleFeeder.Stream);
        var found = tracker.Track(now, AlertEventKind.Fill | AlertEventKind.Signal, named: true);

        foreach (var view in now.Views)
        {
            view.Fills.Should().NotBeEmpty(view.Strategy);
            found.Where(e => e.Kind == AlertEventKind.Fill && e.Strategy == view.Strategy).Select(e => e.Fill)
                .Should().Equal(view.Fills.Select(f => (Fill?)f), view.Strategy);
        }

        found.Should().OnlyContain(e => e.Id.StartsWith($"{CsvCandleFeeder.Stream.Id}/{e.Strategy}:", StringComparison.Ordinal));
        found.Select(e => e.Id).Should().OnlyHaveUniqueItems("two strategies filling on one candle are two events");
        var signal = found.First(e => e.Kind == AlertEventKind.Signal && e.Strategy == "breakout");
        var body = AlertBody.Json(signal, "node-a", AlertText.Of(signal, "node-a"));
        body["strategy"]!.GetValue<string>().Should().Be("breakout");
        body["series"]!.AsObject().Select(p => p.Key).Should().Equal(now.For("breakout")!.SeriesSpecs.Select(s => s.Name));
        body.ContainsKey("rsi").Should().BeFalse("RSI is the default strategy's series");
        AlertText.Of(signal, "node-a").Should().Contain("(1m, breakout)").And.Contain(signal.Evaluation!.Value.Reason);
    }

    [Fact]
    public void Only_the_wanted_events_are_found()
    {
        var market = BusyStrategy.Market();
        var tracker = new TradeEventTracker();
        tracker.Track(market.Snapshot(CsvCandleFeeder.Stream), AlertEventKind.Fill);
        CsvCandleFeeder.ForSample(market).ApplyClosed(3_000);

        var found = tracker.Track(market.Snapshot(CsvCandleFeeder.Stream), AlertEventKind.Fill);

        found.Should().NotBeEmpty().And.OnlyContain(e => e.Kind == AlertEventKind.Fill);
    }

    [Fact]
    public void Signals_on_candles_the_ledger_already_holds_are_history_after_a_restart()
    {
        var ledgerPath = Path.Combine(_folder, "ledger.db");
        var stoppedAt = CsvCandleFeeder.SampleCandles[1_499].OpenTime;
        using (var ledger = new LedgerRecorder(ledgerPath, NullLogger<LedgerRecorder>.Instance))
        {
            CsvCandleFeeder.ForSample(BusyStrategy.Market(ledger, BusyStrategy.BuyAndHold)).ApplyClosed(1_500);
            ledger.Close();
        }

        using (var ledger = new LedgerRecorder(ledgerPath, NullLogger<LedgerRecorder>.Instance))
        {
            var market = BusyStrategy.Market(ledger, BusyStrategy.BuyAndHold);
            var tracker = new TradeEventTracker();
            var restored = market.Snapshot(CsvCandleFeeder.Stream);
            restored.Evaluations.Should().BeEmpty("nothing has been replayed yet");
            restored.Fills.Should().ContainSingle("the account bought once and holds");
            tracker.Track(restored, AlertEventKind.Fill | AlertEventKind.Signal).Should().BeEmpty();

            CsvCandleFeeder.ForSample(market).ApplyClosed(2_000); // The 1,500 candles again, then 500 new ones.
            var replayed = market.Snapshot(CsvCandleFeeder.Stream);
            replayed.Evaluations.Should().Contain(e => e.Signal == Signal.Buy && e.Candle.OpenTime > restored.Fills[0].CandleOpenTime &&
                e.Candle.OpenTime <= stoppedAt, "the replay re-evaluates BUY signals after the last fill, which the account ignored then");

            var found = tracker.Track(replayed, AlertEventKind.Fill | AlertEventKind.Signal);
            found.Should().NotBeEmpty().And.OnlyContain(e => e.Kind == AlertEventKind.Signal && e.Time > stoppedAt,
                "the ledger's equity curve says how far the account had got: what came before is history");
        }
    }

    [Fact]
    public async Task A_restart_that_replays_history_sends_no_fill_or_signal_again()
    {
        // One receiver per run, so each run's alerts are told apart however late they arrive.
        await using var before = await WebhookReceiver.SucceedingAsync();
        await using var after = await WebhookReceiver.SucceedingAsync();
        var ledgerPath = Path.Combine(_folder, "ledger.db");
        var stoppedAt = CsvCandleFeeder.SampleCandles[1_499].OpenTime;

        using (var ledger = new LedgerRecorder(ledgerPath, NullLogger<LedgerRecorder>.Instance))
        {
            await using var alerts = await AlertHarness.StartAsync(Settings(before), BusyStrategy.Market(ledger));
            CsvCandleFeeder.ForSample(alerts.Market).ApplyClosed(1_500);
            var fills = FillKeys(alerts.Market.Snapshot(CsvCandleFeeder.Stream), after: long.MinValue);
            await Eventually.WaitAsync(() => FillKeys(before).Count == fills.Count, Patience,
                () => $"{FillKeys(before).Count} of {fills.Count} fills in the first run");
            FillKeys(before).Should().Equal(fills);
            ledger.Close();
        }

        using (var ledger = new LedgerRecorder(ledgerPath, NullLogger<LedgerRecorder>.Instance))
        {
            await using var alerts = await AlertHarness.StartAsync(Settings(after), BusyStrategy.Market(ledger));
            // The restarted engine is fed its candles again from the start, then goes on past where it stopped.
            CsvCandleFeeder.ForSample(alerts.Market).ApplyClosed(3_000);
            var fills = FillKeys(alerts.Market.Snapshot(CsvCandleFeeder.Stream), after: stoppedAt);
            fills.Should().NotBeEmpty();
            await Eventually.WaitAsync(() => FillKeys(after).Count == fills.Count, Patience,
                () => $"{FillKeys(after).Count} of {fills.Count} fills in the second run");
            FillKeys(after).Should().Equal(fills, "only the fills after the restart's history");
            after.Accepted.Should().Contain(r => r.Key.Contains(":signal:"))
                .And.OnlyContain(r => r.Json.GetProperty("time").GetInt64() > stoppedAt, "the replayed candles' signals are history");
            after.Accepted.Select(r => r.Key).Intersect(before.Accepted.Select(r => r.Key)).Should().BeEmpty();
            ledger.Close();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Dictionary<string, string?> Settings(WebhookReceiver receiver) => new()
    {
        ["Alerts:Webhooks:0:Url"] = receiver.Url(),
        ["Alerts:Webhooks:0:Events"] = "fill,signal",
    };

    private static List<string> FillKeys(StreamSnapshot snapshot, long after) =>
        snapshot.Fills.Where(f => f.CandleOpenTime > after).Select(f => AlertEvent.ForFill(snapshot.Key, f).Id).ToList();

    private static List<string> FillKeys(WebhookReceiver receiver) => receiver.Accepted.Select(r => r.Key).Where(k => k.Contains(":fill:")).ToList();

}
