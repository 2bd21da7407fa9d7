using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Diagnostics;

public sealed class DeliveryTimesTests
{
    [Fact]
    public void Each_key_reports_its_messages_production_times_in_order()
    {
        var times = new DeliveryTimes();
        var produced = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            times.Produced(i % 2 == 0 ? "a" : "b");
            produced.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        }

        var a = Enumerable.Range(0, 5).Select(_ => times.Delivered("a")).ToList();
        var b = Enumerable.Range(0, 5).Select(_ => times.Delivered("b")).ToList();

        a.Should().BeInAscendingOrder().And.OnlyContain(t => t > 0);
        b.Should().BeInAscendingOrder().And.OnlyContain(t => t > 0);
        // Each time was taken before the next message was produced: a's first before b's first, and so on.
        a.Zip(b).Should().OnlyContain(pair => pair.First <= pair.Second);
        a[^1].Should().BeLessThanOrEqualTo(produced[^2]);
        times.Delivered("a").Should().Be(0, "nothing of a waits any more");
        times.Delivered(null).Should().Be(0);
    }

    [Fact]
    public void A_report_that_comes_before_its_production_was_noted_keeps_the_key_in_step()
    {
        var times = new DeliveryTimes();

        times.Delivered("a").Should().Be(0, "the report outran the note of its production");
        times.Produced("a"); // that message's note: dropped, it was already reported
        times.Produced("a");
        var second = times.Delivered("a");

        second.Should().BeGreaterThan(0);
        times.Delivered("a").Should().Be(0, "one message waited, one was reported");
    }

    [Fact]
    public void Keeping_times_allocates_nothing_once_a_key_is_known()
    {
        var times = new DeliveryTimes();
        for (var i = 0; i < 64; i++) times.Produced("BTCUSDT-1m");
        for (var i = 0; i < 64; i++) times.Delivered("BTCUSDT-1m");

        var allocated = Allocations.ThreePasses((from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                times.Produced("BTCUSDT-1m");
                times.Produced("BTCUSDT-1m");
                times.Delivered("BTCUSDT-1m");
                times.Delivered("BTCUSDT-1m");
            }
        }, 0, 3_000);

        allocated.Min().Should().Be(0);
    }
}
