using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>The consumer's parts on their own, without a broker: positions and commits, the restore phase, dead-letter headers, the key check, outcome counts.</summary>
public sealed class ConsumerPartsTests
{
    private static readonly TopicPartition P0 = new("StreamQuant", 0), P1 = new("StreamQuant", 1);

    [Fact]
    public void The_offset_book_stores_each_applied_position_once_and_commits_only_applied_ones()
    {
        var book = new PartitionOffsetBook();
        book.Assign(P0);
        book.Assign(P1);
        book.Unstored().Should().BeEmpty("nothing was applied yet");

        book.Applied(0, 41);
        var first = book.Unstored();
        first.Should().Equal(new TopicPartitionOffset(P0, 42));
        book.MarkStored(first[0]);
        book.Unstored().Should().BeEmpty("the same position is not stored twice");

        book.Applied(0, 42);
        book.Applied(1, 7);
        book.Unstored().Should().BeEquivalentTo([new TopicPartitionOffset(P0, 43), new TopicPartitionOffset(P1, 8)]);
        book.PositionsOf([P1]).Should().Equal(new TopicPartitionOffset(P1, 8));
    }

    [Fact]
    public void The_offset_book_stores_and_commits_a_position_only_once_the_writes_it_queued_are_durable()
    {
        var book = new PartitionOffsetBook();
        book.Assign(P0);
        book.Assign(P1);
        book.Applied(0, 10, writes: 1);
        book.Applied(0, 11, writes: 2);
        book.Applied(1, 3, writes: 2);
        book.Applied(0, 12, writes: 2); // an open candle's update: nothing new written, but it waits for write 2 too
        book.Applied(1, 4, writes: 3);
        book.Unstored().Should().BeEmpty("no write is durable yet");
        book.PositionsOf([P0, P1]).Should().BeEmpty("a partition given up now commits nothing not durable");

        book.Settle(1);
        book.Unstored().Should().Equal(new TopicPartitionOffset(P0, 11));
        book.Settle(2);
        book.Unstored().Should().BeEquivalentTo([new TopicPartitionOffset(P0, 13), new TopicPartitionOffset(P1, 4)]);
        book.Settle(3);
        book.PositionsOf([P1]).Should().Equal(new TopicPartitionOffset(P1, 5));
        book.TryGetNext(0, out var next).Should().BeTrue();
        next.Should().Be(13, "the applied position is known at once, for a partition kept across a rebalance");
    }

    [Fact]
    public void A_position_applied_before_its_partition_went_never_moves_the_commit_back_after_it_returns()
    {
        var book = new PartitionOffsetBook();
        book.Assign(P0);
        book.Applied(0, 100, writes: 5);
        book.Release([P0]);
        book.Assign(P0);
        book.Applied(0, 900, writes: 6);
        book.Settle(5);
        book.Unstored().Should().BeEmpty("offset 101 was applied before the partition went; another engine may have moved it on");
        book.Settle(6);
        book.Unstored().Should().Equal(new TopicPartitionOffset(P0, 901));
    }

    [Fact]
    public void The_offset_book_counts_offsets_skipped_after_the_start_or_the_last_message_and_nothing_else()
    {
        var book = new PartitionOffsetBook();
        book.Assign(new TopicPartitionOffset(P0, 100));
        book.Assign(new TopicPartitionOffset(P1, Offset.Beginning));

        book.Consumed(0, 100, out _).Should().Be(0, "it follows where reading started");
        book.Consumed(0, 101, out _).Should().Be(0);
        book.Consumed(0, 150, out var expected).Should().Be(48, "offsets 102 to 149 never came");
        expected.Should().Be(102);
        book.Consumed(1, 5_000, out _).Should().Be(0, "reading from the beginning, the first message is wherever the log starts");
        book.Consumed(1, 5_001, out _).Should().Be(0);
        book.Consumed(1, 5_001, out _).Should().Be(0, "a redelivery is not a gap");

        book.Release([P0]);
        book.Assign(new TopicPartitionOffset(P0, 400));
        book.Consumed(0, 450, out _).Should().Be(50, "after a new assignment, counted from its start");
    }

    [Fact]
    public void A_released_partition_keeps_its_position_for_when_it_comes_back()
    {
        var book = new PartitionOffsetBook();
        book.Assign(P0);
        book.Applied(0, 9);
        book.MarkStored(book.Unstored().Single());

        book.Release([P0]);
        book.Assigned.Should().BeEmpty();
        book.Unstored().Should().BeEmpty("a partition not assigned is not stored");

        book.Assign(P0);
        book.TryGetNext(0, out var next).Should().BeTrue();
        next.Should().Be(10);
        book.Unstored().Should().BeEmpty("it was committed when the partition went; storing it again could only move the commit back");
        book.ReleaseAll();
        book.Assigned.Should().BeEmpty();
        book.TryGetNext(0, out _).Should().BeTrue();
    }

    [Fact]
    public void Lag_counts_what_is_not_applied_from_the_position_or_the_low_watermark()
    {
        var book = new PartitionOffsetBook();
        book.Assign(P0);
        book.Assign(P1);
        book.Applied(0, 89);
        var marks = new Dictionary<int, WatermarkOffsets>
        {
            [0] = new(new Offset(10), new Offset(100)),
            [1] = new(new Offset(5), new Offset(25)),
        };

        book.Lag(p => marks[p.Partition.Value]).Should().Be((100 - 90) + (25 - 5));
        book.Lag(_ => new WatermarkOffsets(Offset.Unset, Offset.Unset)).Should().Be(0, "unknown watermarks count nothing");
    }

    [Fact]
    public void The_restore_phase_lasts_until_every_target_is_reached_or_its_partition_is_taken_away()
    {
        var phase = new RestorePhase();
        var tracker = new RestoreTracker(phase, "candles");
        tracker.Start();
        phase.Active.Should().BeTrue("until the first assignment the streams may miss retained messages");

        tracker.Target(0, lowWatermark: 0, highWatermark: 3);
        tracker.Target(1, lowWatermark: 0, highWatermark: 2);
        tracker.Target(2, lowWatermark: 4, highWatermark: 4);
        tracker.Begin().Should().BeTrue();

        tracker.Advance(0, 1).Should().BeFalse();
        tracker.Advance(1, 2).Should().BeFalse("partition 0 is not there yet");
        tracker.Advance(0, 3).Should().BeTrue("the last target is reached");
        phase.Active.Should().BeFalse();
        tracker.Messages.Should().Be(3);
        tracker.Advance(0, 4).Should().BeFalse("live messages are no restore");
        tracker.Messages.Should().Be(3);

        tracker.Start();
        tracker.Target(1, 0, 10);
        tracker.Begin().Should().BeTrue();
        tracker.Forget([1]);
        phase.Active.Should().BeFalse("a partition taken away needs no restoring here");
    }

    [Fact]
    public void The_phase_lasts_while_any_consumer_restores()
    {
        var phase = new RestorePhase();
        var candles = new RestoreTracker(phase, "candles");
        var state = new RestoreTracker(phase, "state");
        candles.Start();
        state.Start();
        state.Target(0, 0, 5);
        state.Begin().Should().BeTrue();

        candles.Begin().Should().BeFalse("nothing retained on the candle topic");
        phase.Active.Should().BeTrue("the state topic is still being read");
        state.Advance(0, 5).Should().BeTrue();
        phase.Active.Should().BeFalse();
    }

    [Fact]
    public void An_assignment_with_nothing_retained_ends_the_phase_at_once()
    {
        var phase = new RestorePhase();
        var tracker = new RestoreTracker(phase, "candles");
        var changes = new List<bool>();
        phase.Changed += changes.Add;
        tracker.Start();

        tracker.Target(0, 7, 7);
        tracker.Begin().Should().BeFalse();

        changes.Should().Equal(true, false);
    }

    [Fact]
    public void Dead_letter_headers_keep_the_originals_and_say_why_and_where()
    {
        var original = new Headers { { "schema-version", "1"u8.ToArray() } };

        var headers = DeadLetterWriter.HeadersFor(new("StreamQuant", 2, 1234), original, "bad close");

        headers.Select(h => (h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).Should().Equal(
            ("schema-version", "1"), ("dlq-error", "bad close"), ("dlq-topic", "StreamQuant"), ("dlq-partition", "2"), ("dlq-offset", "1234"));
        DeadLetterWriter.HeadersFor(new("t", 0, 0), null, "x").Select(h => h.Key).Should().Equal("dlq-error", "dlq-topic", "dlq-partition", "dlq-offset");
    }

    [Fact]
    public void A_key_must_name_the_candles_symbol()
    {
        var candle = TestCandles.Series("BTCUSDT", 1).Single();

        CandleConsumerService.KeyMismatch("BTCUSDT", candle).Should().BeNull();
        CandleConsumerService.KeyMismatch(null, candle).Should().BeNull("a keyless message is partitioned by no key, but is not lying about one");
        CandleConsumerService.KeyMismatch("ETHUSDT", candle).Should().Be("key 'ETHUSDT' does not match symbol 'BTCUSDT'");
    }

    [Fact]
    public void A_shared_client_setting_a_producer_ignores_is_no_warning_but_other_configuration_warnings_are()
    {
        var logs = new CapturingLoggerProvider();
        var logger = logs.CreateLogger("kafka");

        KafkaClientSettings.Log(logger, new LogMessage("rdkafka#producer-1", SyslogLevel.Warning, "CONFWARN",
            "[thrd:app]: Configuration property session.timeout.ms is a consumer property and will be ignored by this producer instance"));
        KafkaClientSettings.Log(logger, new LogMessage("rdkafka#producer-1", SyslogLevel.Warning, "CONFWARN",
            "[thrd:app]: Configuration property ssl.endpoint.identification.algorithm is deprecated"));

        // The capturing logger keeps Information and above: only the real configuration warning remains.
        logs.Entries.Should().ContainSingle().Which.Message.Should().Contain("deprecated");
        KafkaClientSettings.IsSharedSettingIgnored(new LogMessage("p", SyslogLevel.Warning, "CONFWARN",
            "Configuration property fetch.wait.max.ms is a consumer property and will be ignored by this producer instance")).Should().BeTrue();
    }

    [Fact]
    public void Each_outcome_is_counted_as_itself()
    {
        var status = new KafkaStatus(new RestorePhase());

        foreach (var outcome in new[]
                 {
                     CandleApplyOutcome.Applied, CandleApplyOutcome.Applied, CandleApplyOutcome.Unchanged,
                     CandleApplyOutcome.Rejected, CandleApplyOutcome.UnknownStream, CandleApplyOutcome.UnknownStream,
                 })
        {
            status.RecordOutcome(outcome);
        }

        var snapshot = status.Snapshot();
        (snapshot.Applied, snapshot.Unchanged, snapshot.Rejected, snapshot.UnknownStream).Should().Be((2L, 1L, 1L, 2L));
    }
}

/// <summary>The wait for the state topic before a takeover, without a broker.</summary>
public sealed class StateCatchUpTests
{
    [Fact]
    public async Task A_takeover_waits_until_the_state_consumer_has_read_to_the_end_it_was_given()
    {
        var catchUp = new StateCatchUp();
        var waiting = Task.Run(() => catchUp.WaitUntilRead(partition => partition == 0 ? 3 : 0, TimeSpan.FromSeconds(30)));

        catchUp.Assigned([0, 1]);
        catchUp.Read(0, 1);
        await Task.Delay(0);
        waiting.IsCompleted.Should().BeFalse("offset 2 of partition 0 is not read yet");
        catchUp.Read(0, 2);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        catchUp.Partitions.Should().BeEquivalentTo([0, 1]);
    }

    [Fact]
    public void It_gives_up_after_its_timeout_and_says_so()
    {
        var catchUp = new StateCatchUp();
        catchUp.WaitUntilRead(_ => 1, TimeSpan.FromMilliseconds(50)).Should().BeFalse("the state consumer never started");

        catchUp.Assigned([0]);
        catchUp.WaitUntilRead(_ => 5, TimeSpan.FromMilliseconds(50)).Should().BeFalse("nothing was read");
        catchUp.WaitUntilRead(_ => 0, TimeSpan.FromMilliseconds(50)).Should().BeTrue("an empty partition needs no reading");
    }
}
