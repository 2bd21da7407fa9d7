namespace CryptoStreamLab.Core.Engine;

/// <summary>The last N committed evaluations of a stream, oldest first, in a fixed ring (charts and the trading log read it).</summary>
public sealed class EvaluationBuffer
{
    private readonly Evaluation[] _ring;
    private int _start;

    public EvaluationBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new Evaluation[capacity];
    }

    public int Count { get; private set; }

    public ref readonly Evaluation this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            var slot = _start + index;
            return ref _ring[slot >= _ring.Length ? slot - _ring.Length : slot];
        }
    }

    /// <summary>Appends a committed evaluation, evicting the oldest when full.</summary>
    public void Add(in Evaluation evaluation) => Append() = evaluation;

    /// <summary>Makes room for one more evaluation (evicting the oldest when full) and returns its slot to write in place.</summary>
    internal ref Evaluation Append()
    {
        if (Count == _ring.Length)
        {
            ref var evicted = ref _ring[_start];
            _start = _start + 1 == _ring.Length ? 0 : _start + 1;
            return ref evicted;
        }

        var slot = _start + Count;
        Count++;
        return ref _ring[slot >= _ring.Length ? slot - _ring.Length : slot];
    }

    public Evaluation[] ToArray()
    {
        var copy = new Evaluation[Count];
        for (var i = 0; i < Count; i++) copy[i] = this[i];
        return copy;
    }
}
