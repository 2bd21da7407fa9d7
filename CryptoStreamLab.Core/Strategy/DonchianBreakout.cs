using System.Globalization;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// Donchian channel breakout (the Turtles' rule): BUY when a candle closes above the highest high of the
/// <see cref="DonchianBreakoutParameters.EntryPeriod"/> candles before it, SELL when it closes below the lowest low of
/// the <see cref="DonchianBreakoutParameters.ExitPeriod"/> candles before it; otherwise HOLD, and HOLD until those
/// candles are in. "Before it" excludes the candle itself (its own high is never below its close). No arithmetic, only
/// comparisons of prices, so the decisions are exact. Draws both channel lines, as the candle is compared with them.
/// </summary>
public sealed class DonchianBreakout : IStrategy
{
    /// <summary>Where its series sit in <see cref="SeriesValues"/>.</summary>
    public const int UpperSlot = 0, LowerSlot = 1;

    private readonly Highest _highs;
    private readonly Lowest _lows;

    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public DonchianBreakout(DonchianBreakoutParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _highs = new Highest(parameters.EntryPeriod);
        _lows = new Lowest(parameters.ExitPeriod);
        WarmUpPeriod = Math.Max(parameters.EntryPeriod, parameters.ExitPeriod);
        Series =
        [
            SeriesSpec.Overlay(string.Create(CultureInfo.InvariantCulture, $"High {parameters.EntryPeriod}")),
            SeriesSpec.Overlay(string.Create(CultureInfo.InvariantCulture, $"Low {parameters.ExitPeriod}")),
        ];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        // Decide on the channel of the candles before, then let this one into it.
        var decision = Decide((double)candle.Close, series);
        _highs.Update((double)candle.High);
        _lows.Update((double)candle.Low);
        return decision;
    }

    public StrategyDecision Preview(in Candle candle, Span<double> series) => Decide((double)candle.Close, series);

    // NaN channel lines (not ready) fail every comparison: HOLD.
    private StrategyDecision Decide(double close, Span<double> series)
    {
        var upper = _highs.Value;
        var lower = _lows.Value;
        series[UpperSlot] = upper;
        series[LowerSlot] = lower;
        if (close > upper) return StrategyDecision.Buy("Close above the entry channel");
        if (close < lower) return StrategyDecision.Sell("Close below the exit channel");
        return StrategyDecision.Hold;
    }
}
