// A strategy file: drop it in the strategies folder and pick it by its class name, "EmaCross".
// The app compiles every *.cs file there at start; System, System.Collections.Generic and System.Linq are already in scope.
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

/// <summary>Exponential moving averages: BUY when the fast one crosses above the slow one, SELL when it crosses below.</summary>
public sealed class EmaCross : IStrategy
{
    private const int FastSlot = 0, SlowSlot = 1;

    private readonly Ema _fast;
    private readonly Ema _slow;

    // +1 when the fast EMA is above the slow one after the last closed candle, -1 below, 0 on a tie or while not ready.
    private int _side;

    // The one public constructor takes the parameter object; throw ArgumentException to refuse a combination.
    public EmaCross(EmaCrossParameters parameters)
    {
        if (parameters.Fast >= parameters.Slow)
            throw new ArgumentException($"Fast ({parameters.Fast}) must be shorter than Slow ({parameters.Slow}).");
        _fast = new Ema(parameters.Fast);
        _slow = new Ema(parameters.Slow);
        // An EMA keeps a trace of every earlier close, shrinking by 1 - 2/(n + 1) a candle: after 10 slow periods the
        // start's weight is below e^-15, so a backtest warmed on these candles decides as one warmed on the whole history.
        WarmUpPeriod = 10 * parameters.Slow;
        Series = [SeriesSpec.Overlay($"EMA {parameters.Fast}"), SeriesSpec.Overlay($"EMA {parameters.Slow}")];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        var close = (double)candle.Close;
        var previous = _side;
        _fast.Update(close);
        _slow.Update(close);
        _side = Side(_fast.Value, _slow.Value);
        series[FastSlot] = _fast.Value;
        series[SlowSlot] = _slow.Value;
        return Decide(previous, _side);
    }

    // What the open candle would give if it closed now: computed without changing anything.
    public StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        var close = (double)candle.Close;
        var fast = _fast.Preview(close);
        var slow = _slow.Preview(close);
        series[FastSlot] = fast;
        series[SlowSlot] = slow;
        return Decide(_side, Side(fast, slow));
    }

    // NaN (not ready) compares false both ways: no side.
    private static int Side(double fast, double slow) => fast > slow ? 1 : fast < slow ? -1 : 0;

    // Reasons are constant strings, so deciding allocates nothing.
    private static StrategyDecision Decide(int previous, int side) =>
        previous < 0 && side > 0 ? StrategyDecision.Buy("fast EMA crossed above slow EMA")
        : previous > 0 && side < 0 ? StrategyDecision.Sell("fast EMA crossed below slow EMA")
        : StrategyDecision.Hold;
}

/// <summary>The parameters users set: each [Param] property's initial value is its default, Min and Max its range.</summary>
public sealed class EmaCrossParameters
{
    [Param(Min = 2, Max = 500, Description = "Candles in the fast EMA.")]
    public int Fast { get; set; } = 12;

    [Param(Min = 3, Max = 1000, Description = "Candles in the slow EMA.")]
    public int Slow { get; set; } = 26;
}
