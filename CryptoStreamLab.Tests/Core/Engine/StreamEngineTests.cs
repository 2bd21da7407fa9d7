using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;
using static CryptoStreamLab.Tests.Support.TestCandles;

namespace CryptoStreamLab.Tests.Core.Engine;

public class StreamEngineTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    private static StreamEngine Engine(int fast = 2, int slow = 3, int rsi = 2) =>
        new(Btc, new EngineSettings(new StrategyOptions { FastPeriod = fast, SlowPeriod = slow, RsiPeriod = rsi }, new TradingOptions(), 10));

    [Fact]
    public void Previews_of_the_open_candle_change_no_committed_state()
    {
        var engine = Engine();
        for (var i = 0; i < 5; i++) engine.Apply(Make(i, 100 + i));
        var committed = engine.Evaluations[engine.Evaluations.Count - 1];

        for (var p = 0; p < 10; p++)
        {
            var preview = engine.Apply(Make(5, 90 + p, closed: false)).Current!.Value;
            preview.IsPreview.Should().BeTrue();
            preview.Action.Should().Be(Signal.Hold);
            preview.FastMa.Should().Be((104d + 90 + p) / 2);
        }

        engine.Evaluations.Count.Should().Be(5);
        engine.Evaluations[4].Should().Be(committed);
        engine.Latest!.Value.IsPreview.Should().BeTrue();

        var closed = engine.Apply(Make(5, 95)).Current!.Value;
        closed.IsPreview.Should().BeFalse();
        closed.FastMa.Should().Be((104d + 95) / 2, "the close commits the final value, not any preview");
        engine.OpenPreview.Should().BeNull();
    }

    [Fact]
    public void Committing_by_preview_and_by_close_give_the_same_indicators_as_closed_candles_alone()
    {
        var candles = Avax().Take(300).ToList();
        var direct = new StreamEngine(new StreamKey("AVAXUSDT", KlineInterval.OneMinute), new EngineSettings(new(), new()));
        var live = new StreamEngine(new StreamKey("AVAXUSDT", KlineInterval.OneMinute), new EngineSettings(new(), new()));
        var (byClose, byNextCandle) = (0, 0);
        foreach (var (c, i) in candles.Select((c, i) => (c, i)))
        {
            direct.Apply(c);
            // Live: a few open-candle updates, then either the close or (every third candle, the last one too) no close at all.
            if (live.Apply(c with { IsClosed = false, Close = c.Open }).HasCommittedPrevious) byNextCandle++;
            live.Apply(c with { IsClosed = false });
            if ((i + 1) % 3 != 0 && live.Apply(c).Outcome == UpsertOutcome.Committed) byClose++;
        }

        (byClose, byNextCandle).Should().Be((200, 99), "both ways of committing a candle must run");
        live.Apply(candles[^1].AsClosed()); // a late close of the last candle arrives
        live.Evaluations.ToArray().Select(e => (e.FastMa, e.SlowMa, e.Rsi, e.Signal, e.Action))
            .Should().Equal(direct.Evaluations.ToArray().Select(e => (e.FastMa, e.SlowMa, e.Rsi, e.Signal, e.Action)));
    }

    [Fact]
    public void A_new_candle_commits_the_unclosed_previous_one_and_reports_both()
    {
        var engine = Engine();
        engine.Apply(Make(0, 100, closed: false));
        var update = engine.Apply(Make(1, 101, closed: false));

        update.CommittedPrevious!.Value.Candle.Close.Should().Be(100);
        update.CommittedPrevious.Value.Candle.IsClosed.Should().BeTrue();
        update.Current!.Value.IsPreview.Should().BeTrue();
        engine.Evaluations.Count.Should().Be(1);
    }

    [Fact]
    public void Rejected_and_repeated_updates_leave_everything_unchanged()
    {
        var engine = Engine();
        for (var i = 0; i < 4; i++) engine.Apply(Make(i, 100 + i));
        var rejected = engine.Apply(Make(2, 500));
        rejected.Outcome.Should().Be(UpsertOutcome.Rejected);
        rejected.Current.Should().BeNull();
        rejected.CommittedPrevious.Should().BeNull();
        engine.Apply(Make(3, 103)).Changed.Should().BeFalse();
        engine.Evaluations.Count.Should().Be(4);
        engine.Buffer.RejectedCount.Should().Be(1);
    }

    [Fact]
    public void A_candle_of_another_stream_is_refused()
    {
        FluentActions.Invoking(() => Engine().Apply(Make(0, 1, symbol: "ETHUSDT")))
            .Should().Throw<ArgumentException>().WithMessage("*ETHUSDT 1m candle was sent to the BTCUSDT 1m engine*");
    }

    [Fact]
    public void Buys_on_a_crossover_and_marks_equity_to_the_close()
    {
        var engine = Engine(fast: 2, slow: 3, rsi: 2);
        // Falling then rising closes: fast goes from below slow to above on the last candle.
        decimal[] closes = [110, 105, 100, 95, 97, 103];
        Evaluation last = default;
        foreach (var (close, i) in closes.Select((c, i) => (c, i))) last = engine.Apply(Make(i, close)).Current!.Value;

        // RSI(2) over changes +2, +6 is 100: outside 50..70, so the seed's rule holds off.
        last.Signal.Should().Be(Signal.Hold);

        var relaxed = new StreamEngine(Btc, new EngineSettings(
            new StrategyOptions { FastPeriod = 2, SlowPeriod = 3, RsiPeriod = 3, BuyRsiMax = 100 }, new TradingOptions(), 10));
        foreach (var (close, i) in closes.Select((c, i) => (c, i))) last = relaxed.Apply(Make(i, close)).Current!.Value;
        last.Signal.Should().Be(Signal.Buy);
        last.Action.Should().Be(Signal.Buy);
        last.Fill!.Value.Price.Should().Be(103);
        last.Equity.Should().Be(relaxed.Account.Cash + relaxed.Account.Quantity * 103);
    }

    [Fact]
    public void A_restored_account_does_not_trade_again_on_replayed_candles()
    {
        var candles = Avax();
        var settings = new EngineSettings(new(), new());
        var first = new StreamEngine(new StreamKey("AVAXUSDT", KlineInterval.OneMinute), settings);
        var fills = candles.Select(c => first.Apply(c).Current!.Value.Fill).Where(f => f is not null).ToList();
        fills.Should().NotBeEmpty();

        var restarted = new StreamEngine(new StreamKey("AVAXUSDT", KlineInterval.OneMinute), settings);
        restarted.RestoreAccount(first.Account.State, candles[^1].OpenTime);
        candles.Select(c => restarted.Apply(c).Current!.Value.Fill).Should().OnlyContain(f => f == null);
        restarted.Account.State.Should().Be(first.Account.State);
        restarted.Evaluations[restarted.Evaluations.Count - 1].Rsi.Should().Be(first.Evaluations[first.Evaluations.Count - 1].Rsi);
    }

    [Fact]
    public void Settings_are_validated_together()
    {
        FluentActions.Invoking(() => new StreamEngine(Btc, new EngineSettings(new StrategyOptions { SlowPeriod = 60 }, new TradingOptions(), 50)))
            .Should().Throw<ArgumentException>().WithMessage("*buffer capacity (50) must exceed Strategy:SlowPeriod (60)*");
    }
}
