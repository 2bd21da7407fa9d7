using System.Diagnostics;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// How far this node has read the state topic, shared between the state consumer (which advances it) and the candle
/// consumer (which, before it takes streams over, waits until everything the previous owner published has been read).
/// </summary>
public sealed class StateCatchUp
{
    private readonly object _gate = new();
    private Dictionary<int, long> _next = [];
    private bool _assigned;

    /// <summary>The state consumer reads these partitions now (from the beginning, or from where it was).</summary>
    public void Assigned(IEnumerable<int> partitions)
    {
        lock (_gate)
        {
            var next = new Dictionary<int, long>();
            foreach (var partition in partitions) next[partition] = _next.GetValueOrDefault(partition);
            _next = next;
            _assigned = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The message at <paramref name="offset"/> of <paramref name="partition"/> has been applied.</summary>
    public void Read(int partition, long offset)
    {
        lock (_gate)
        {
            _next[partition] = offset + 1;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The partitions being read, once the state consumer has started.</summary>
    public IReadOnlyList<int> Partitions
    {
        get { lock (_gate) return [.. _next.Keys]; }
    }

    /// <summary>
    /// Blocks until the state consumer has started and read every partition up to <paramref name="endOf"/>(partition)
    /// (the high watermark at the time of asking); false when <paramref name="timeout"/> passed first.
    /// </summary>
    public bool WaitUntilRead(Func<int, long> endOf, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (!WaitFor(() => _assigned, timeout)) return false;
        // Asked outside the lock: endOf may ask the broker.
        var targets = Partitions.ToDictionary(partition => partition, endOf);
        return WaitFor(() => targets.All(target => _next.GetValueOrDefault(target.Key) >= target.Value), timeout - clock.Elapsed);
    }

    private bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        lock (_gate)
        {
            while (!condition())
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(_gate, left);
            }
            return true;
        }
    }
}
