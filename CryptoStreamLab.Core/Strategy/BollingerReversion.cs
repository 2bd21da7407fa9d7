using System.Globalization;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// Bollinger mean reversion: BUY when a candle closes below the lower band (stretched far below its mean), SELL when it
/// closes above the middle band (the mean is reached: the reversion is done, no waiting for the upper band); otherwise
/// HOLD, and HOLD until the bands are defined. Draws the three bands over the candles.
/// </summary>
public sealed class BollingerReversion : IStrategy
{
    /// <summary>Where its series sit in <see cref="SeriesValues"/>.</summary>
    public const int UpperSlot = 0, MiddleSlot = 1, LowerSlot = 2;

    private readonly BollingerBands _bands;

    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public BollingerReversion(BollingerReversionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _bands = new BollingerBands(parameters.Period, parameters.Deviations);
        // The bands on the first decided candle need the Period − 1 closes before it.
        WarmUpPeriod = parameters.Period - 1;
        var bands = string.Create(CultureInfo.InvariantCulture, $"BB {parameters.Period}, {parameters.Deviations:0.##}");
        Series = [SeriesSpec.Overlay($"{bands} upper"), SeriesSpec.Overlay($"{bands} middle"), SeriesSpec.Overlay($"{bands} lower")];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        var close = (double)candle.Close;
        _bands.Update(close);
        return Decide(close, _bands.Point, series);
    }

    public StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        var close = (double)candle.Close;
        return Decide(close, _bands.Preview(close), series);
    }

    // NaN bands (not ready) fail every comparison: HOLD.
    private static StrategyDecision Decide(double close, BandPoint bands, Span<double> series)
    {
        series[UpperSlot] = bands.Upper;
        series[MiddleSlot] = bands.Middle;
        series[LowerSlot] = bands.Lower;
        if (close < bands.Lower) return StrategyDecision.Buy("Close below the lower band");
        if (close > bands.Middle) return StrategyDecision.Sell("Close above the middle band");
        return StrategyDecision.Hold;
    }
}
