using System.Diagnostics;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// The restore phase of one consumer: partitions new to the process are read from their earliest retained offset up
/// to the high watermark seen at assignment, and the app is restoring (<see cref="RestorePhase"/>) until every one
/// has reached its target or been taken away. Used from the consumer's thread only.
/// </summary>
/// <param name="part">Which consumer's part of the phase this is, e.g. the topic it restores from.</param>
internal sealed class RestoreTracker(RestorePhase phase, string part)
{
    private readonly Dictionary<int, long> _targets = [];
    private readonly Stopwatch _clock = new();

    /// <summary>Messages applied since the phase began.</summary>
    public long Messages { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Until the first assignment says otherwise, the streams may be missing retained messages.</summary>
    public void Start() => phase.Set(part, true);

    /// <summary>Restore <paramref name="partition"/> from <paramref name="lowWatermark"/> up to (not including) <paramref name="highWatermark"/>; nothing between them needs nothing.</summary>
    public void Target(int partition, long lowWatermark, long highWatermark)
    {
        if (highWatermark > lowWatermark) _targets[partition] = highWatermark;
    }

    /// <summary>Called once an assignment's targets are set: begins the phase, or ends it when nothing is to be restored.</summary>
    public bool Begin()
    {
        if (_targets.Count == 0)
        {
            phase.Set(part, false);
            return false;
        }
        _clock.Restart();
        Messages = 0;
        return true;
    }

    /// <summary>A message of <paramref name="partition"/> was handled; true when that finished the whole phase.</summary>
    public bool Advance(int partition, long next)
    {
        if (_targets.Count == 0) return false;
        Messages++;
        if (!_targets.TryGetValue(partition, out var target) || next < target) return false;
        _targets.Remove(partition);
        if (_targets.Count > 0) return false;
        phase.Set(part, false);
        return true;
    }

    /// <summary>Partitions taken away need no restoring here any more.</summary>
    public void Forget(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions) _targets.Remove(partition);
        if (_targets.Count == 0) phase.Set(part, false);
    }
}
