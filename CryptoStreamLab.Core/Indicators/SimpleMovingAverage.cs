namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// SMA(n) over the last n committed values, O(1) and allocation-free per update. The running sum is exact
/// (integer <see cref="PriceTicks"/>), so the average never drifts and two averages that are equal in exact
/// arithmetic compare equal (a tie is no crossover) — a floating-point running sum turns such ties into
/// false crossovers. Not ready (NaN) until the window is full, unlike the seed's partial windows at the
/// start; from the n-th value on both agree.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly long[] _window;
    private int _next;
    private int _count;
    private Int128 _sum;

    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new long[period];
    }

    public int Period => _window.Length;

    /// <summary>Number of committed values needed before <see cref="Value"/> is defined.</summary>
    public int WarmUpPeriod => Period;

    public bool IsReady => _count == _window.Length;

    /// <summary>Exact sum of the window, in <see cref="PriceTicks"/>.</summary>
    public Int128 Sum => _sum;

    /// <summary>The average of the last <see cref="Period"/> committed values, or NaN while warming up.</summary>
    public double Value => IsReady ? PriceTicks.ToDouble(_sum, _window.Length) : double.NaN;

    /// <summary>Commits a value (a closed candle).</summary>
    public void Update(decimal value) => UpdateTicks(PriceTicks.FromDecimal(value));

    /// <summary>Commits a value given in <see cref="PriceTicks"/>.</summary>
    public void UpdateTicks(long ticks)
    {
        if (IsReady) _sum -= _window[_next];
        else _count++;
        _window[_next] = ticks;
        _sum += ticks;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    /// <summary>Whether the window would be full after one more value.</summary>
    public bool IsReadyAfterPreview => _count + 1 >= _window.Length;

    /// <summary>The exact sum <see cref="UpdateTicks(long)"/> would leave, without changing anything (an open candle).</summary>
    public Int128 PreviewSum(long ticks) => _sum - (IsReady ? _window[_next] : 0L) + ticks;

    /// <summary>The average an update would give, without changing anything; NaN if still warming up.</summary>
    public double Preview(decimal value) => PreviewTicks(PriceTicks.FromDecimal(value));

    public double PreviewTicks(long ticks) => IsReadyAfterPreview ? PriceTicks.ToDouble(PreviewSum(ticks), _window.Length) : double.NaN;

    public void Reset()
    {
        Array.Clear(_window);
        _next = _count = 0;
        _sum = 0;
    }
}
