using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Http;
using CryptoStreamLab.Web.Http.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>The event hub without HTTP: a client that stops reading is dropped and counted, one that keeps up is not, and subscriptions end.</summary>
public sealed class StreamEventHubTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_while_one_that_reads_gets_everything()
    {
        var market = CsvCandleFeeder.NewStreamDirectory();
        var feeder = CsvCandleFeeder.ForSample(market);
        feeder.ApplyClosed(100);
        var hub = new StreamEventHub(market, Options.Create(new ApiOptions { ClientQueueCapacity = 16 }), NullLogger<StreamEventHub>.Instance);

        using var slow = hub.Join(CsvCandleFeeder.Stream, after: null);
        using var fast = hub.Join(CsvCandleFeeder.Stream, after: null);
        var closed = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in fast.Reader.ReadAllAsync())
            {
                if (e.Type == "candle" && e.Position.Phase == EventPhase.Closed) closed.Add(e.Position.OpenTime);
                if (closed.Count == 101) return;
            }
        });

        // One candle at a time, each waiting until the reading client has it: the slow one's queue only grows.
        for (var i = 0; i < 100; i++)
        {
            _ = feeder.NextCandleUpdates(openUpdates: 1).Count();
            await Eventually.WaitAsync(() => Volatile.Read(ref closed).Count >= i + 2 || reading.IsCompleted, TimeSpan.FromSeconds(20), () => "the reading client to get the candle");
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(20));

        slow.Dropped.Should().BeTrue();
        hub.DroppedClients.Should().Be(1);
        fast.Dropped.Should().BeFalse();
        closed.Should().Equal(CsvCandleFeeder.SampleCandles.Skip(99).Take(101).Select(c => c.OpenTime));
        // The dropped client's queue ends after what it held, so its response ends and it reconnects.
        var held = 0;
        await foreach (var _ in slow.Reader.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token)) held++;
        held.Should().BeGreaterThanOrEqualTo(16);
    }

    [Fact]
    public void The_stream_is_watched_only_while_it_has_clients()
    {
        var market = CsvCandleFeeder.NewStreamDirectory();
        var hub = new StreamEventHub(market, Options.Create(new ApiOptions()), NullLogger<StreamEventHub>.Instance);
        var before = market.SubscriberCount;

        var a = hub.Join(CsvCandleFeeder.Stream, after: null);
        var b = hub.Join(CsvCandleFeeder.Stream, after: null);
        market.SubscriberCount.Should().Be(before + 1, "one subscription per stream, however many clients");
        hub.ClientCount.Should().Be(2);

        a.Dispose();
        a.Dispose();
        market.SubscriberCount.Should().Be(before + 1);
        b.Dispose();
        market.SubscriberCount.Should().Be(before);
        hub.ClientCount.Should().Be(0);
    }

    [Theory]
    [InlineData("1769904000000-0", 1769904000000L, EventPhase.Open)]
    [InlineData("1769904000000-3", 1769904000000L, EventPhase.Fill)]
    public void Event_ids_read_back(string text, long openTime, EventPhase phase)
    {
        EventPosition.TryParse(text, out var position).Should().BeTrue();
        position.Should().Be(new EventPosition(openTime, phase));
        position.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1769904000000")]
    [InlineData("1769904000000-4")]
    [InlineData("1769904000000-12")]
    [InlineData("x-1")]
    [InlineData("-5-1")]
    [InlineData("99999999999999999999-1")]
    public void Other_ids_are_refused(string text) => EventPosition.TryParse(text, out _).Should().BeFalse();
}
