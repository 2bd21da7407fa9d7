namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// MACD as TA-Lib computes it: Line = EMA(fast) − EMA(slow), Signal = EMA(signal) of the line, Histogram = Line −
/// Signal, each EMA seeded with the simple average of its first inputs (see <see cref="Ema"/>). O(1) and
/// allocation-free per update.
/// </summary>
/// <remarks>
/// The fast EMA is seeded aligned to the slow one, as TA-Lib does: it starts at input slow − fast + 1, so both are first
/// defined at input slow and the fast one's seed is the mean of the same last <c>fast</c> inputs the slow one ends on
/// (with the seed-its-own-first-n alternative the fast EMA would have run slow − fast inputs longer and the line differ
/// slightly at the start). The line is defined at input slow (<see cref="IsReady"/>); signal and histogram at input
/// slow + signal − 1 (<see cref="WarmUpPeriod"/>, TA-Lib's lookback + 1).
/// </remarks>
public sealed class Macd
{
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;
    private readonly int _fastStart;
    private int _skipped;

    /// <exception cref="ArgumentOutOfRangeException">A period is below 1, or <paramref name="fastPeriod"/> is not below <paramref name="slowPeriod"/>.</exception>
    public Macd(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriod, fastPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriod, 1);
        _fast = new Ema(fastPeriod);
        _slow = new Ema(slowPeriod);
        _signal = new Ema(signalPeriod);
        _fastStart = slowPeriod - fastPeriod;
    }

    public int FastPeriod => _fast.Period;

    public int SlowPeriod => _slow.Period;

    public int SignalPeriod => _signal.Period;

    /// <summary>Inputs until line, signal and histogram are all defined.</summary>
    public int WarmUpPeriod => _slow.Period + _signal.Period - 1;

    /// <summary>Whether the line is defined (from input <see cref="SlowPeriod"/> on).</summary>
    public bool IsReady => _slow.IsReady;

    /// <summary>Whether the signal and histogram are defined too (from input <see cref="WarmUpPeriod"/> on).</summary>
    public bool IsSignalReady => _signal.IsReady;

    public double Line => _slow.IsReady ? _fast.Value - _slow.Value : double.NaN;

    public double Signal => _signal.Value;

    public double Histogram => Line - Signal;

    public MacdPoint Point => new(Line, Signal, Histogram);

    /// <summary>Commits one input; NaN is ignored.</summary>
    public void Update(double input)
    {
        if (double.IsNaN(input)) return;
        if (_skipped < _fastStart) _skipped++;
        else _fast.Update(input);
        _slow.Update(input);
        if (_slow.IsReady) _signal.Update(Line);
    }

    /// <summary>The point <see cref="Update"/> would give, changing nothing; <c>Preview(NaN)</c> is <see cref="Point"/>.</summary>
    public MacdPoint Preview(double input)
    {
        if (double.IsNaN(input)) return Point;
        var slow = _slow.Preview(input);
        if (double.IsNaN(slow)) return new MacdPoint(double.NaN, double.NaN, double.NaN);
        var line = _fast.Preview(input) - slow;
        var signal = _signal.Preview(line);
        return new MacdPoint(line, signal, line - signal);
    }
}
