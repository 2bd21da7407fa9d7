using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Node.Bus;

public sealed class KafkaBackboneTests(EmbeddedBrokerFixture fixture) : IClassFixture<EmbeddedBrokerFixture>
{
    // CRC32 (librdkafka's default partitioner) puts these on partitions 0, 1 and 2 of a three-partition topic.
    private static readonly string[] Symbols = ["BTCUSDT", "XRPUSDT", "SOLUSDT"];

    [Fact]
    public async Task Candles_for_three_symbols_over_three_partitions_are_all_applied_in_order_per_symbol()
    {
        var topic = fixture.NewTopic();
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();
        var candles = TestCandles.Interleaved(Symbols, 300);

        await host.PublishAsync(candles);
        await host.Sink.WaitForCountAsync(candles.Count);

        host.Sink.Count.Should().Be(candles.Count);
        foreach (var symbol in Symbols)
            host.Sink.Candles.Where(c => c.Symbol == symbol).Should().Equal(candles.Where(c => c.Symbol == symbol));
        RawTopic.ReadAll(fixture.BootstrapServers, topic).Select(r => r.Partition.Value).Distinct()
            .Should().BeEquivalentTo([0, 1, 2], "each symbol should have a partition of its own");

        var status = host.Status.Snapshot();
        status.Produced.Should().Be(candles.Count);
        status.Consumed.Should().Be(candles.Count);
        status.Applied.Should().Be(candles.Count);
        status.DeadLettered.Should().Be(0);
        status.AssignedPartitions.Should().Be(3);
        status.Embedded.Should().BeFalse();
        status.BootstrapServers.Should().Be(fixture.BootstrapServers);
        await Eventually.WaitAsync(() => host.Status.Snapshot().Lag == 0, null, () => $"lag is {host.Status.Snapshot().Lag}");
    }

    [Fact]
    public async Task A_restarted_consumer_rebuilds_the_same_sequence_from_the_topic_and_reports_restoring_meanwhile()
    {
        var topic = fixture.NewTopic();
        var candles = TestCandles.Interleaved(Symbols, 200);
        IReadOnlyList<Candle> firstRun;
        await using (var first = KafkaTestHost.OnBroker(fixture, topic, group: "dashboard"))
        {
            await first.StartAsync();
            await first.PublishAsync(candles);
            await first.Sink.WaitForCountAsync(candles.Count);
            firstRun = first.Sink.Candles;
        }

        // Same group, so its committed offsets are at the end: the rebuild must read from the beginning anyway.
        await using var second = KafkaTestHost.OnBroker(fixture, topic, group: "dashboard");
        var transitions = new List<bool>();
        second.Restore.Changed += restoring => { lock (transitions) transitions.Add(restoring); };
        await second.StartAsync();
        await second.Sink.WaitForCountAsync(candles.Count);
        await Eventually.WaitAsync(() => !second.Status.Restoring, null, () => "still restoring");

        foreach (var symbol in Symbols)
            second.Sink.Candles.Where(c => c.Symbol == symbol).Should().Equal(firstRun.Where(c => c.Symbol == symbol));
        second.Sink.Entries.Should().OnlyContain(entry => entry.Restoring, "every retained candle is applied while restoring");
        lock (transitions) transitions.Should().Equal([true, false], "the state is told once when restoring starts and once when it ends");

        var live = TestCandles.Interleaved(Symbols, 1, firstIndex: 200);
        await second.PublishAsync(live);
        await second.Sink.WaitForCountAsync(candles.Count + live.Count);
        second.Sink.Entries.Skip(candles.Count).Should().OnlyContain(entry => !entry.Restoring, "new candles arrive live");
        second.Sink.Count.Should().Be(candles.Count + live.Count);
    }

    [Fact]
    public async Task A_stopped_consumer_catches_up_with_nothing_lost_or_applied_twice_and_commits_only_what_it_applied()
    {
        var topic = fixture.NewTopic();
        var group = "catch-up-" + topic;
        await using var host = KafkaTestHost.OnBroker(fixture, topic, group);
        await host.StartAsync();
        var before = TestCandles.Interleaved(Symbols, 100);
        await host.PublishAsync(before);
        await host.Sink.WaitForCountAsync(before.Count);
        await Eventually.WaitAsync(() => CommittedOffsets(topic, group).Sum() == before.Count, null,
            () => "applied offsets were not committed in the background while running");

        await host.StopConsumerAsync();
        host.Consumer.ExecuteTask!.IsCompleted.Should().BeTrue("stopping ends the consuming loop, so nothing more can be applied");
        CommittedOffsets(topic, group).Sum().Should().Be(before.Count, "the stopped consumer committed exactly what it applied");

        var during = TestCandles.Interleaved(Symbols, 150, firstIndex: 100);
        await host.PublishAsync(during);
        host.Sink.Count.Should().Be(before.Count, "nothing is applied while the consumer is stopped");

        await host.StartConsumerAsync();
        await host.Sink.WaitForCountAsync(before.Count + during.Count);
        var after = TestCandles.Interleaved(Symbols, 50, firstIndex: 250);
        await host.PublishAsync(after);
        // One more candle per symbol, published last: a symbol's candles share a partition and arrive in order, so once
        // these are applied, any candle applied twice before them has been too.
        var last = TestCandles.Interleaved(Symbols, 1, firstIndex: 300);
        await host.PublishAsync(last);
        await Eventually.WaitAsync(() => last.All(host.Sink.Candles.Contains), null, () => "the last candle of every symbol was not applied");

        var all = before.Concat(during).Concat(after).Concat(last).ToList();
        host.Sink.Count.Should().Be(all.Count, "no candle may be applied twice");
        foreach (var symbol in Symbols)
            host.Sink.Candles.Where(c => c.Symbol == symbol).Should().Equal(all.Where(c => c.Symbol == symbol));
        host.Sink.Entries.Skip(before.Count).Should().OnlyContain(entry => !entry.Restoring, "a restart in the same process resumes");

        await host.StopConsumerAsync();
        CommittedOffsets(topic, group).Sum().Should().Be(all.Count);
    }

    [Fact]
    public async Task Malformed_messages_go_to_the_dead_letter_topic_are_counted_and_the_next_good_message_is_applied()
    {
        var topic = fixture.NewTopic();
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();

        var good = TestCandles.Series("BTCUSDT", 1).Single();
        var goodJson = Encoding.UTF8.GetString(KlineCodec.Serialize(good, 0));
        string With(string field, string json) => Patch(goodJson, field, json);
        var bad = new List<(string Case, string? Key, byte[]? Value, Headers? Headers)>
        {
            ("not JSON", "BTCUSDT", "candle at 100"u8.ToArray(), null),
            ("truncated JSON", "BTCUSDT", Encoding.UTF8.GetBytes(goodJson[..40]), null),
            ("missing close", "BTCUSDT", Encoding.UTF8.GetBytes(Remove(goodJson, "close")), null),
            ("mistyped open", "BTCUSDT", Encoding.UTF8.GetBytes(With("open", "\"abc\"")), null),
            ("quoted number", "BTCUSDT", Encoding.UTF8.GetBytes(With("open", "\"100.2\"")), null),
            ("NaN literal", "BTCUSDT", Encoding.UTF8.GetBytes(With("high", "NaN")), null),
            ("Infinity string", "BTCUSDT", Encoding.UTF8.GetBytes(With("high", "\"Infinity\"")), null),
            ("out of range", "BTCUSDT", Encoding.UTF8.GetBytes(With("volume", "1e400")), null),
            ("zero price", "BTCUSDT", Encoding.UTF8.GetBytes(With("low", "0")), null),
            ("negative price", "BTCUSDT", Encoding.UTF8.GetBytes(With("close", "-5")), null),
            ("high below low", "BTCUSDT", Encoding.UTF8.GetBytes(With("high", "1")), null),
            ("unknown interval", "BTCUSDT", Encoding.UTF8.GetBytes(With("interval", "\"7m\"")), null),
            ("oversized", "BTCUSDT", Encoding.UTF8.GetBytes(goodJson[..^1] + ",\"pad\":\"" + new string('x', 70_000) + "\"}"), null),
            ("no value", "BTCUSDT", null, null),
            ("key is another symbol", "BTCUSDT", Encoding.UTF8.GetBytes(With("symbol", "\"ETHUSDT\"")), null),
            ("unknown schema version", "BTCUSDT", Encoding.UTF8.GetBytes(goodJson), new Headers { { "schema-version", "2"u8.ToArray() } }),
        };

        using (var producer = RawTopic.Producer(fixture.BootstrapServers))
        {
            foreach (var (_, key, value, headers) in bad)
                await producer.ProduceAsync(topic, new Message<string?, byte[]?> { Key = key, Value = value, Headers = headers });
            await producer.ProduceAsync(topic, new Message<string?, byte[]?> { Key = "BTCUSDT", Value = Encoding.UTF8.GetBytes(goodJson) });
        }

        await host.Sink.WaitForCountAsync(1);
        await Eventually.WaitAsync(() => host.Status.Snapshot().Consumed == bad.Count + 1, null, () => "not everything was consumed");
        host.Sink.Candles.Should().Equal([good], "only the good message reaches the sink");
        // Counted once the dead-letter topic confirmed each copy.
        await Eventually.WaitAsync(() => host.Status.Snapshot().DeadLettered == bad.Count, null, () => $"{host.Status.Snapshot().DeadLettered} dead-lettered");
        host.Status.Snapshot().Applied.Should().Be(1);

        var source = RawTopic.ReadAll(fixture.BootstrapServers, topic);
        var deadLetters = new List<ConsumeResult<string?, byte[]?>>();
        await Eventually.WaitAsync(() =>
        {
            deadLetters = RawTopic.ReadAll(fixture.BootstrapServers, topic + KafkaOptions.DeadLetterSuffix);
            return deadLetters.Count >= bad.Count;
        }, null, () => $"{deadLetters.Count} messages in the dead-letter topic");
        deadLetters.Should().HaveCount(bad.Count);
        var sourceOffsets = source.Where(r => r.Message.Value is null || !r.Message.Value.SequenceEqual(Encoding.UTF8.GetBytes(goodJson)) || r.Message.Headers?.Count > 0)
            .Select(r => r.Offset.Value).ToList();
        foreach (var letter in deadLetters)
        {
            var offset = long.Parse(Header(letter, "dlq-offset"));
            sourceOffsets.Should().Contain(offset);
            Header(letter, "dlq-topic").Should().Be(topic);
            Header(letter, "dlq-error").Should().NotBeNullOrWhiteSpace();
            letter.Message.Key.Should().Be("BTCUSDT");
            var original = source.Single(r => r.Partition.Value == int.Parse(Header(letter, "dlq-partition")) && r.Offset.Value == offset);
            letter.Message.Value.Should().Equal(original.Message.Value, "the dead-letter copy keeps the original bytes");
            host.Logs.Messages.Should().Contain(m => m.Contains($"partition {original.Partition.Value} offset {offset} ") && m.Contains(topic),
                "each rejection is logged with topic, partition and offset");
        }
        Header(deadLetters.Single(l => Header(l, "dlq-error").Contains("unknown interval")), "dlq-error").Should().Contain("7m");
        Header(deadLetters.Single(l => Header(l, "dlq-error").Contains("limit")), "dlq-error").Should().Contain("65536");
        Header(deadLetters.Single(l => Header(l, "dlq-error").Contains("schema-version")), "schema-version").Should().Be("2");
    }

    [Fact]
    public async Task A_candle_the_sink_throws_on_is_dead_lettered_and_the_stream_goes_on()
    {
        var topic = fixture.NewTopic();
        var candles = TestCandles.Series("BTCUSDT", 5).ToList();
        var poisoned = candles[2];
        await using var host = KafkaTestHost.OnBroker(fixture, topic, sink: new RecordingSink { FailWhen = c => c == poisoned });
        await host.StartAsync();

        await host.PublishAsync(candles);

        await host.Sink.WaitForCountAsync(4);
        host.Sink.Candles.Should().Equal(candles.Where(c => c != poisoned));
        await Eventually.WaitAsync(() => host.Status.Snapshot().DeadLettered == 1, null, () => $"{host.Status.Snapshot().DeadLettered} dead-lettered");
        host.Status.Snapshot().Applied.Should().Be(4);
        var deadLetters = new List<ConsumeResult<string?, byte[]?>>();
        await Eventually.WaitAsync(() =>
        {
            deadLetters = RawTopic.ReadAll(fixture.BootstrapServers, topic + KafkaOptions.DeadLetterSuffix);
            return deadLetters.Count == 1;
        }, null, () => $"{deadLetters.Count} dead letters");
        Header(deadLetters[0], "dlq-error").Should().Contain("sink exploded on " + poisoned.OpenTime);
        KlineCodec.TryDeserialize(deadLetters[0].Message.Value, 65536, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var copy, out _).Should().BeNull();
        copy.Should().Be(poisoned);
    }

    [Fact]
    public async Task What_the_stream_state_makes_of_each_candle_is_counted_as_itself_not_as_applied()
    {
        var topic = fixture.NewTopic();
        var btc = TestCandles.Series("BTCUSDT", 3).ToList();
        var xrp = TestCandles.Series("XRPUSDT", 2).ToList();
        var sink = new RecordingSink
        {
            Outcome = c => c.Symbol == "XRPUSDT" ? CandleApplyOutcome.UnknownStream
                : c == btc[2] ? CandleApplyOutcome.Rejected
                : CandleApplyOutcome.Applied,
        };
        await using var host = KafkaTestHost.OnBroker(fixture, topic, sink: sink);
        await host.StartAsync();

        await host.PublishAsync([.. btc, .. xrp]);
        await host.Sink.WaitForCountAsync(5);
        sink.Outcome = _ => CandleApplyOutcome.Unchanged;
        await host.PublishAsync([btc[0]]);
        await host.Sink.WaitForCountAsync(6);

        await Eventually.WaitAsync(() => host.Status.Snapshot().Consumed == 6, null, () => "the consumer has not counted every message");
        var status = host.Status.Snapshot();
        (status.Applied, status.Rejected, status.UnknownStream, status.Unchanged, status.DeadLettered).Should().Be((2L, 1L, 2L, 1L, 0L));
    }

    [Fact]
    public async Task A_rejected_message_too_large_to_copy_is_not_counted_as_dead_lettered_and_the_status_says_why()
    {
        var topic = fixture.NewTopic();
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();
        // 1 MiB: over the consumer's 64 KB limit, so it is rejected, and over the dead-letter producer's 1,000,000-byte message
        // limit (another client could write it with a larger one), so its copy cannot be written.
        var huge = new byte[1 << 20];
        huge.AsSpan().Fill((byte)'x');
        using (var producer = new ProducerBuilder<string?, byte[]?>(new ProducerConfig
               { BootstrapServers = fixture.BootstrapServers, LingerMs = 0, MessageMaxBytes = 2_000_000 }).Build())
        {
            await producer.ProduceAsync(topic, new Message<string?, byte[]?> { Key = "BTCUSDT", Value = huge });
            await producer.ProduceAsync(topic, new Message<string?, byte[]?> { Key = "BTCUSDT", Value = "not JSON"u8.ToArray() });
        }

        await Eventually.WaitAsync(() => host.Status.Snapshot() is { DeadLettered: 1, DeadLetterFailed: 1 }, null,
            () => $"dead-lettered {host.Status.Snapshot().DeadLettered}, not copied {host.Status.Snapshot().DeadLetterFailed}");
        var status = host.Status.Snapshot();
        status.DeadLetterError.Should().Contain($"{topic} partition").And.Contain("not copied to " + topic + KafkaOptions.DeadLetterSuffix)
            .And.Contain("too large");
        var deadLetters = RawTopic.ReadAll(fixture.BootstrapServers, topic + KafkaOptions.DeadLetterSuffix);
        deadLetters.Should().ContainSingle("only the small message's copy was written").Which.Message.Value.Should().Equal("not JSON"u8.ToArray());
    }

    private static string Header(ConsumeResult<string?, byte[]?> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    private static string Patch(string json, string field, string rawValue)
    {
        using var document = JsonDocument.Parse(json);
        var parts = document.RootElement.EnumerateObject()
            .Select(p => $"\"{p.Name}\":{(p.Name == field ? rawValue : p.Value.GetRawText())}");
        return "{" + string.Join(",", parts) + "}";
    }

    private static string Remove(string json, string field)
    {
        using var document = JsonDocument.Parse(json);
        return "{" + string.Join(",", document.RootElement.EnumerateObject().Where(p => p.Name != field)
            .Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}")) + "}";
    }

    private long[] CommittedOffsets(string topic, string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = fixture.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        var partitions = Enumerable.Range(0, 3).Select(p => new TopicPartition(topic, p));
        return consumer.Committed(partitions, TimeSpan.FromSeconds(5)).Select(o => Math.Max(0, o.Offset.Value)).ToArray();
    }
}
