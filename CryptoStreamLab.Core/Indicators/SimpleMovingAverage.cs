namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// SMA(n) over the last n committed values, O(1) and allocation-free per update. The running sum is an
/// exact decimal, so the average never drifts and two averages that are equal in exact arithmetic compare
/// equal (a tie is no crossover) — a double running sum would turn such ties into false crossovers.
/// Not ready (NaN) until the window is full, unlike the seed's partial windows at the start; from the n-th
/// value on both agree.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly decimal[] _window;
    private int _next;
    private int _count;
    private decimal _sum;

    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new decimal[period];
    }

    public int Period => _window.Length;

    /// <summary>Number of committed values needed before <see cref="Value"/> is defined.</summary>
    public int WarmUpPeriod => Period;

    public bool IsReady => _count == _window.Length;

    /// <summary>Exact sum of the values in the window.</summary>
    public decimal Sum => _sum;

    /// <summary>The average of the last <see cref="Period"/> committed values, or NaN while warming up.</summary>
    public double Value => IsReady ? (double)_sum / _window.Length : double.NaN;

    /// <summary>Commits a value (a closed candle).</summary>
    public void Update(decimal value)
    {
        if (IsReady) _sum -= _window[_next];
        else _count++;
        _window[_next] = value;
        _sum += value;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;
    }

    /// <summary>Whether the window would be full after one more value.</summary>
    public bool IsReadyAfterPreview => _count + 1 >= _window.Length;

    /// <summary>The exact sum <see cref="Update"/> would leave, without changing anything (an open candle).</summary>
    public decimal PreviewSum(decimal value) => _sum - (IsReady ? _window[_next] : 0m) + value;

    /// <summary>The average <see cref="Update"/> would give, without changing anything; NaN if still warming up.</summary>
    public double Preview(decimal value) => IsReadyAfterPreview ? (double)PreviewSum(value) / _window.Length : double.NaN;

    public void Reset()
    {
        Array.Clear(_window);
        _next = _count = 0;
        _sum = 0;
    }
}
