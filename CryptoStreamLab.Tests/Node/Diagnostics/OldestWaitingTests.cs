using CryptoStreamLab.Node.Diagnostics;

namespace CryptoStreamLab.Tests.Node.Diagnostics;

public sealed class OldestWaitingTests
{
    [Fact]
    public void The_batch_gets_the_time_of_its_oldest_item_and_the_next_batch_starts_afresh()
    {
        var waiting = new OldestWaiting();
        waiting.Take().Should().Be(0, "nothing was queued");

        waiting.Queued();
        var oldest = waiting.Take();
        waiting.Queued();
        waiting.Queued();
        var next = waiting.Take();

        oldest.Should().BeGreaterThan(0);
        next.Should().BeGreaterThan(oldest, "the second batch's oldest item was queued after the first batch was taken");
        waiting.Take().Should().Be(0);
    }

    [Fact]
    public void A_batch_that_waits_again_keeps_its_older_time()
    {
        var waiting = new OldestWaiting();
        waiting.Queued();
        var failed = waiting.Take();
        waiting.Queued(); // a newer item, queued while the failed batch was being written

        waiting.PutBack(failed);

        waiting.Take().Should().Be(failed);
        waiting.PutBack(0);
        waiting.Take().Should().Be(0, "putting back nothing marks nothing");
    }
}
