using System.Diagnostics;

namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>
/// When the oldest of the items waiting for a batch writer was queued (a <see cref="Stopwatch"/> timestamp), kept without a
/// timestamp per item: the producer marks each item it queues, the writer takes the mark with its batch and puts it back
/// if the batch waits again. Thread-safe and allocation-free; for <see cref="PipelineMetrics"/>.
/// </summary>
public sealed class OldestWaiting
{
    private long _since;

    /// <summary>Call before queuing an item: the mark is set unless an older one stands.</summary>
    public void Queued()
    {
        if (Volatile.Read(ref _since) == 0) Interlocked.CompareExchange(ref _since, Stopwatch.GetTimestamp(), 0);
    }

    /// <summary>Call before taking the batch: the oldest waiting item's time (0 when nothing was marked), and the mark is cleared.</summary>
    public long Take() => Interlocked.Exchange(ref _since, 0);

    /// <summary>The batch taken with <paramref name="since"/> waits again: its mark stands unless an older one does.</summary>
    public void PutBack(long since)
    {
        if (since == 0) return;
        while (true)
        {
            var current = Volatile.Read(ref _since);
            if (current != 0 && current <= since) return;
            if (Interlocked.CompareExchange(ref _since, since, current) == current) return;
        }
    }
}
