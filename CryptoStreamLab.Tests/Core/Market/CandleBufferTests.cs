using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Core.Indicators;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;
using static CryptoStreamLab.Tests.Support.TestCandles;

namespace CryptoStreamLab.Tests.Core.Market;

public class CandleBufferTests
{
    [Fact]
    public void An_update_with_the_current_open_time_replaces_the_open_candle()
    {
        var buffer = new CandleBuffer(5);
        buffer.Upsert(Make(0, 100, closed: false)).Outcome.Should().Be(UpsertOutcome.OpenUpdated);
        buffer.Upsert(Make(0, 101, closed: false)).Outcome.Should().Be(UpsertOutcome.OpenUpdated);

        buffer.Count.Should().Be(1);
        buffer.Newest.Close.Should().Be(101);
        buffer.HasOpenCandle.Should().BeTrue();
    }

    [Fact]
    public void The_closing_update_commits_the_candle()
    {
        var buffer = new CandleBuffer(5);
        buffer.Upsert(Make(0, 100, closed: false));
        buffer.Upsert(Make(0, 102)).Should().Be(new UpsertResult(UpsertOutcome.Committed, false));
        buffer.HasOpenCandle.Should().BeFalse();
        buffer.Newest.Close.Should().Be(102);
    }

    [Fact]
    public void A_newer_open_time_appends_and_commits_an_unclosed_previous_candle_with_its_last_values()
    {
        var buffer = new CandleBuffer(5);
        buffer.Upsert(Make(0, 100, closed: false));
        buffer.Upsert(Make(0, 103, closed: false));

        buffer.Upsert(Make(1, 104, closed: false)).Should().Be(new UpsertResult(UpsertOutcome.OpenUpdated, CommittedPrevious: true));

        buffer.Count.Should().Be(2);
        buffer[0].IsClosed.Should().BeTrue();
        buffer[0].Close.Should().Be(103);
        buffer.Newest.IsClosed.Should().BeFalse();
    }

    [Fact]
    public void A_full_buffer_evicts_the_oldest()
    {
        var buffer = new CandleBuffer(3);
        for (var i = 0; i < 5; i++) buffer.Upsert(Make(i, 100 + i));

        buffer.Count.Should().Be(3);
        Enumerable.Range(0, 3).Select(i => buffer[i].Close).Should().Equal(102m, 103m, 104m);
        buffer.ToArray().Select(c => c.Close).Should().Equal(102m, 103m, 104m);
    }

    [Fact]
    public void A_repeated_identical_update_changes_nothing()
    {
        var buffer = new CandleBuffer(3);
        buffer.Upsert(Make(0, 100, closed: false));
        buffer.Upsert(Make(0, 100, closed: false)).Outcome.Should().Be(UpsertOutcome.Unchanged);
        buffer.Upsert(Make(0, 100));
        buffer.Upsert(Make(0, 100)).Outcome.Should().Be(UpsertOutcome.Unchanged);
        buffer.RejectedCount.Should().Be(0);
    }

    [Fact]
    public void An_identical_update_for_an_older_committed_candle_changes_nothing()
    {
        var buffer = new CandleBuffer(5);
        for (var i = 0; i < 3; i++) buffer.Upsert(Make(i, 100 + i));

        buffer.Upsert(Make(1, 101)).Outcome.Should().Be(UpsertOutcome.Unchanged);
        buffer.RejectedCount.Should().Be(0);
    }

    [Fact]
    public void An_update_older_than_the_open_candles_last_is_stale_and_changes_nothing()
    {
        var buffer = new CandleBuffer(5);
        buffer.Upsert(Make(0, 100, closed: false), eventTime: 1_000).Outcome.Should().Be(UpsertOutcome.OpenUpdated);
        buffer.Upsert(Make(0, 102, closed: false), eventTime: 3_000).Outcome.Should().Be(UpsertOutcome.OpenUpdated);

        buffer.Upsert(Make(0, 101, closed: false), eventTime: 2_000).Outcome.Should().Be(UpsertOutcome.Stale);
        buffer.Newest.Close.Should().Be(102, "the stream never moves backwards");
        buffer.Upsert(Make(0, 102, closed: false), eventTime: 3_000).Outcome.Should().Be(UpsertOutcome.Unchanged, "an equal copy is a repeat");
        buffer.Upsert(Make(0, 103, closed: false)).Outcome.Should().Be(UpsertOutcome.OpenUpdated, "no event time, no age to compare");

        buffer.Upsert(Make(0, 104), eventTime: 4_000).Outcome.Should().Be(UpsertOutcome.Committed);
        buffer.Upsert(Make(0, 102, closed: false), eventTime: 3_000).Outcome.Should().Be(UpsertOutcome.Stale, "a closed candle gets no later open update");
        buffer.Upsert(Make(1, 105, closed: false), eventTime: 500).Outcome.Should().Be(UpsertOutcome.OpenUpdated, "a new candle starts its own clock");
        buffer.Upsert(Make(0, 101, closed: false), eventTime: 2_000).Outcome.Should().Be(UpsertOutcome.Stale, "an older candle's open copy too");
        buffer.RejectedCount.Should().Be(0, "late copies are no contradiction");
    }

    [Fact]
    public void A_different_update_for_a_committed_candle_is_rejected_and_counted()
    {
        var buffer = new CandleBuffer(5);
        for (var i = 0; i < 3; i++) buffer.Upsert(Make(i, 100 + i));

        buffer.Upsert(Make(1, 999)).Outcome.Should().Be(UpsertOutcome.Rejected);
        buffer.Upsert(Make(2, 999)).Outcome.Should().Be(UpsertOutcome.Rejected, "the newest is committed too");

        buffer.RejectedCount.Should().Be(2);
        buffer[1].Close.Should().Be(101);
        buffer[2].Close.Should().Be(102);
    }

    [Fact]
    public void An_update_older_than_the_buffer_is_stale_and_one_in_a_gap_it_moved_past_is_rejected()
    {
        var buffer = new CandleBuffer(3);
        foreach (var i in new[] { 5, 6, 8, 9 }) buffer.Upsert(Make(i, 100 + i));

        buffer.Upsert(Make(1, 50)).Outcome.Should().Be(UpsertOutcome.Stale, "history before the window has nothing to compare with");
        buffer.Upsert(Make(7, 50)).Outcome.Should().Be(UpsertOutcome.Rejected, "the stream moved past minute 7");
        buffer.RejectedCount.Should().Be(1);
        buffer.ToArray().Select(c => c.OpenTime).Should().Equal(Make(6, 0).OpenTime, Make(8, 0).OpenTime, Make(9, 0).OpenTime);
    }

    [Fact]
    public void The_late_closing_update_of_an_auto_committed_candle_is_unchanged_when_identical()
    {
        var buffer = new CandleBuffer(4);
        buffer.Upsert(Make(0, 100, closed: false));
        buffer.Upsert(Make(1, 101, closed: false));

        buffer.Upsert(Make(0, 100)).Outcome.Should().Be(UpsertOutcome.Unchanged);
        buffer.Upsert(Make(0, 99)).Outcome.Should().Be(UpsertOutcome.Rejected);
    }

    [Fact]
    public void Index_of_finds_candles_by_open_time_across_the_ring_seam()
    {
        var buffer = new CandleBuffer(4);
        for (var i = 0; i < 10; i++) buffer.Upsert(Make(i, 100 + i));

        buffer.IndexOf(Make(7, 0).OpenTime).Should().Be(1);
        buffer.IndexOf(Make(9, 0).OpenTime).Should().Be(3);
        buffer.IndexOf(Make(5, 0).OpenTime).Should().Be(-1);
    }

    [Fact]
    public void Indexing_outside_the_held_candles_throws()
    {
        var buffer = new CandleBuffer(3);
        buffer.Upsert(Make(0, 1));
        FluentActions.Invoking(() => buffer[1]).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new CandleBuffer(3).Newest).Should().Throw<InvalidOperationException>();
    }
}
