namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// The largest (or smallest) of the last n inputs, the current one included, in O(1) amortized per update: a
/// monotonic deque keeps only the inputs that can still become the extreme (each later one is strictly worse), with
/// the extreme at its front. Arrays sized once, so updates allocate nothing. NaN inputs are the caller's to skip.
/// </summary>
internal sealed class RollingExtreme
{
    private readonly bool _max;
    private readonly int _period;

    // Circular deque of (value, input index): indices increase front to back, values strictly worsen.
    private readonly double[] _values;
    private readonly long[] _indices;
    private int _head;
    private int _size;
    private long _count;

    public RollingExtreme(int period, bool max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _max = max;
        _values = new double[period];
        _indices = new long[period];
    }

    public int Period => _period;

    public bool IsReady => _count >= _period;

    public double Value => IsReady ? _values[_head] : double.NaN;

    public void Update(double input)
    {
        // After this update the window is the inputs numbered _count - _period + 1 … _count; one at most falls out.
        if (_size > 0 && _indices[_head] <= _count - _period)
        {
            _head = Next(_head);
            _size--;
        }

        while (_size > 0 && !Beats(_values[Slot(_size - 1)], input)) _size--;
        var back = Slot(_size);
        _values[back] = input;
        _indices[back] = _count;
        _size++;
        _count++;
    }

    /// <summary>The extreme after <see cref="Update"/>(<paramref name="input"/>), or NaN if not ready then.</summary>
    public double Preview(double input)
    {
        if (_count + 1 < _period) return double.NaN;
        var first = 0;
        if (_size > 0 && _indices[_head] <= _count - _period) first = 1;
        if (first >= _size) return input;
        var kept = _values[Slot(first)];
        return Beats(kept, input) ? kept : input;
    }

    private bool Beats(double kept, double input) => _max ? kept > input : kept < input;

    private int Slot(int offset)
    {
        var slot = _head + offset;
        return slot >= _period ? slot - _period : slot;
    }

    private int Next(int slot) => slot + 1 == _period ? 0 : slot + 1;
}
