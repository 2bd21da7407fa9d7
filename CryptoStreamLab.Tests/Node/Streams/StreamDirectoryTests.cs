using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using static CryptoStreamLab.Tests.Support.TestCandles;

namespace CryptoStreamLab.Tests.Node.Streams;

public class StreamDirectoryTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);
    private static readonly StreamKey Eth = new("ETHUSDT", KlineInterval.OneMinute);

    private static StreamDirectory NewState() => new([Btc, Eth], new EngineSettings(new(), new(), 100));

    [Fact]
    public void Applies_candles_to_their_stream_and_reports_what_happened()
    {
        var state = NewState();
        state.Apply(Make(0, 100, closed: false)).Should().Be(CandleApplyOutcome.Applied);
        state.Apply(Make(0, 100, closed: false)).Should().Be(CandleApplyOutcome.Unchanged);
        state.Apply(Make(0, 101)).Should().Be(CandleApplyOutcome.Applied);
        state.Apply(Make(0, 99)).Should().Be(CandleApplyOutcome.Rejected);

        var snapshot = state.Snapshot(Btc);
        snapshot.Candles.Should().ContainSingle().Which.Close.Should().Be(101);
        snapshot.RejectedUpdates.Should().Be(1);
        state.Snapshot(Eth).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Subscribers_hear_only_their_stream_and_stop_hearing_once_disposed()
    {
        var state = NewState();
        var btcChanges = new List<StreamChange>();
        var allChanges = new List<StreamChange>();
        var btc = state.Subscribe(Btc, btcChanges.Add);
        using var all = state.Subscribe(null, allChanges.Add);
        state.SubscriberCount.Should().Be(2);

        state.Apply(Make(0, 100, symbol: "ETHUSDT"));
        state.Apply(Make(0, 100));
        state.Apply(Make(0, 100)); // unchanged: no notification

        btcChanges.Should().ContainSingle().Which.Key.Should().Be(Btc);
        allChanges.Select(c => c.Key).Should().Equal(Eth, Btc);

        btc.Dispose();
        btc.Dispose();
        state.SubscriberCount.Should().Be(1);
        state.Apply(Make(1, 100));
        btcChanges.Should().HaveCount(1);
    }

    [Fact]
    public void Snapshots_are_cached_per_version_and_immutable_copies()
    {
        var state = NewState();
        state.Apply(Make(0, 100));
        var first = state.Snapshot(Btc);
        state.Snapshot(Btc).Should().BeSameAs(first);

        state.Apply(Make(1, 105, closed: false));
        var second = state.Snapshot(Btc);
        second.Version.Should().BeGreaterThan(first.Version);
        first.Candles.Should().HaveCount(1, "an earlier snapshot does not change");
        second.Latest!.Value.IsPreview.Should().BeTrue();
        second.LastClose.Should().Be(105);
        second.ChangePercent.Should().Be(5m);
    }

    [Fact]
    public void Restoring_is_announced_to_subscribers()
    {
        var restore = new RestorePhase();
        var state = new StreamDirectory([Btc, Eth], new EngineSettings(new(), new(), 100), restore: restore);
        var heard = 0;
        using var _ = state.Subscribe(Btc, _ => heard++);
        restore.Set(true);
        state.Restoring.Should().BeTrue();
        heard.Should().Be(1);
    }

    [Fact]
    public void Unknown_streams_are_named_when_asked_for()
    {
        FluentActions.Invoking(() => NewState().Snapshot(new StreamKey("XRPUSDT", KlineInterval.OneHour)))
            .Should().Throw<KeyNotFoundException>().WithMessage("XRPUSDT 1h is not a stream this node knows.");
    }

    [Fact]
    public void A_stream_the_topic_carries_is_followed_without_configuration_up_to_the_limit()
    {
        var state = NewState();
        var changes = new List<StreamChange>();
        using var _ = state.Subscribe(null, changes.Add);

        state.Apply(Make(0, 1, symbol: "DOGEUSDT")).Should().Be(CandleApplyOutcome.Applied);
        state.Apply(Make(0, 2, symbol: "ADAUSDT")).Should().Be(CandleApplyOutcome.Applied);

        state.Keys.Should().Equal(Btc, Eth, new StreamKey("ADAUSDT", KlineInterval.OneMinute), new StreamKey("DOGEUSDT", KlineInterval.OneMinute));
        state.Snapshot(new StreamKey("DOGEUSDT", KlineInterval.OneMinute)).Candles.Should().ContainSingle().Which.Close.Should().Be(1);
        changes.Select(c => c.Key.Symbol).Should().Equal("DOGEUSDT", "ADAUSDT");

        for (var i = state.Keys.Count; i < StreamDirectory.MaxStreamsPerNode; i++) state.Apply(Make(0, 1, symbol: $"S{i:D4}USDT")).Should().Be(CandleApplyOutcome.Applied);
        state.Apply(Make(0, 1, symbol: "ONEMOREUSDT")).Should().Be(CandleApplyOutcome.UnknownStream, "one node follows at most MaxStreamsPerNode streams");
        state.Keys.Should().HaveCount(StreamDirectory.MaxStreamsPerNode);
    }

    [Fact]
    public void Junk_symbols_never_become_streams_and_leave_every_place_to_real_ones()
    {
        var state = NewState();
        var junk = Enumerable.Range(0, 2_000).Select(i => (i % 3) switch
        {
            0 => $"junk-{i}",
            1 => "../" + new string('X', 300) + i,
            _ => $"BTC\0{i}",
        });

        foreach (var symbol in junk)
        {
            var act = () => state.Apply(Make(0, 1, symbol: symbol));
            act.Should().Throw<ArgumentException>().WithMessage("*symbol*is not valid*");
        }

        state.Keys.Should().Equal(Btc, Eth);
        for (var i = state.Keys.Count; i < StreamDirectory.MaxStreamsPerNode; i++) state.Apply(Make(0, 1, symbol: $"S{i:D4}USDT")).Should().Be(CandleApplyOutcome.Applied);
        state.Keys.Should().HaveCount(StreamDirectory.MaxStreamsPerNode);
    }

    [Fact]
    public async Task A_stream_stuck_on_refused_updates_for_three_intervals_turns_health_degraded_until_one_applies()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Make(0, 1).OpenTime));
        var state = new StreamDirectory([Btc, Eth], new EngineSettings(new(), new(), 100), clock: clock);
        var health = new StreamHealthCheck(state);
        state.Apply(Make(0, 100)).Should().Be(CandleApplyOutcome.Applied);
        state.Apply(Make(5, 100)).Should().Be(CandleApplyOutcome.Applied);

        for (var second = 0; second <= 180; second += 20)
        {
            state.Apply(Make(0, 99)).Should().Be(CandleApplyOutcome.Rejected, "it contradicts the committed candle");
            state.Apply(Make(2, 99)).Should().Be(CandleApplyOutcome.Rejected, "a gap the stream has moved past");
            clock.Advance(TimeSpan.FromSeconds(20));
        }

        state.StuckStreams().Should().ContainSingle().Which.Should().Match<StuckStream>(s => s.Key == Btc && s.Refused == 20);
        var result = (await health.CheckHealthAsync(new()));
        result.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        result.Description.Should().Contain("BTCUSDT 1m has refused all 20");

        state.Apply(Make(6, 100)).Should().Be(CandleApplyOutcome.Applied);
        state.StuckStreams().Should().BeEmpty();
        (await health.CheckHealthAsync(new())).Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
    }

    [Fact]
    public void A_refused_stretch_shorter_than_three_intervals_is_not_stuck()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Make(0, 1).OpenTime));
        var state = new StreamDirectory([Btc, Eth], new EngineSettings(new(), new(), 100), clock: clock);
        state.Apply(Make(0, 100)).Should().Be(CandleApplyOutcome.Applied);
        state.Apply(Make(0, 99)).Should().Be(CandleApplyOutcome.Rejected);
        clock.Advance(TimeSpan.FromSeconds(170));

        state.StuckStreams().Should().BeEmpty();
        clock.Advance(TimeSpan.FromSeconds(20));
        state.StuckStreams().Should().ContainSingle();
    }
}
