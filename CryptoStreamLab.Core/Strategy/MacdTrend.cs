using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// MACD trend following: BUY when the MACD line crosses above its signal line, SELL when it crosses below; otherwise
/// HOLD. A cross is a change of the histogram's sign from one candle to the next; a histogram of exactly zero keeps the
/// side it had, so passing through a tie still counts once the other side is reached. The first candle with a
/// signal line only sets the side. Draws line, signal and histogram in a panel with a guide at zero.
/// </summary>
public sealed class MacdTrend : IStrategy
{
    /// <summary>Where its series sit in <see cref="SeriesValues"/>.</summary>
    public const int LineSlot = 0, SignalSlot = 1, HistogramSlot = 2;

    /// <summary>EMAs are warmed over this many of their periods: the seed's weight is then below e⁻²⁰ ≈ 2·10⁻⁹.</summary>
    public const int EmaPeriods = 10;

    private readonly Macd _macd;

    // +1 line above signal, −1 below, after the last committed candle; 0 until the signal is defined.
    private int _side;

    /// <exception cref="ArgumentException">A parameter is out of range, or the fast period is not shorter than the slow one.</exception>
    public MacdTrend(MacdTrendParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.FastPeriod >= parameters.SlowPeriod)
            throw new ArgumentException($"FastPeriod ({parameters.FastPeriod}) must be shorter than SlowPeriod ({parameters.SlowPeriod}).", nameof(parameters));
        _macd = new Macd(parameters.FastPeriod, parameters.SlowPeriod, parameters.SignalPeriod);
        // EMAs never forget their start entirely: warm the slow one and then the signal over EmaPeriods periods each.
        WarmUpPeriod = EmaPeriods * (parameters.SlowPeriod + parameters.SignalPeriod);
        var name = $"MACD {parameters.FastPeriod}/{parameters.SlowPeriod}/{parameters.SignalPeriod}";
        Series = [SeriesSpec.Panel(name, 0), SeriesSpec.Panel($"Signal {parameters.SignalPeriod}", 0), SeriesSpec.Panel("Histogram", 0)];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        _macd.Update((double)candle.Close);
        var previous = _side;
        _side = SideOf(_macd.Histogram, previous);
        return Decide(previous, _side, _macd.Point, series);
    }

    public StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        var point = _macd.Preview((double)candle.Close);
        return Decide(_side, SideOf(point.Histogram, _side), point, series);
    }

    // NaN (no signal yet) and zero keep the side.
    private static int SideOf(double histogram, int previous) => histogram > 0 ? 1 : histogram < 0 ? -1 : previous;

    private static StrategyDecision Decide(int previous, int side, MacdPoint point, Span<double> series)
    {
        series[LineSlot] = point.Line;
        series[SignalSlot] = point.Signal;
        series[HistogramSlot] = point.Histogram;
        if (previous < 0 && side > 0) return StrategyDecision.Buy("MACD crossed above its signal");
        if (previous > 0 && side < 0) return StrategyDecision.Sell("MACD crossed below its signal");
        return StrategyDecision.Hold;
    }
}
