using System.Globalization;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// Connors' RSI(2) reversal: buy a short, sharp dip inside an uptrend and sell the bounce. BUY when the (Wilder) RSI is
/// below <see cref="Rsi2ReversalParameters.BuyRsiBelow"/> and the close is above the trend average (SMA 200); SELL when
/// the RSI is above <see cref="Rsi2ReversalParameters.SellRsiAbove"/> or the close is above the exit average (SMA 5).
/// When both hold the SELL wins (no entry its own exit already calls for). HOLD until every indicator is ready. Draws
/// both averages over the candles and the RSI with its two levels in a panel.
/// </summary>
public sealed class Rsi2Reversal : IStrategy
{
    /// <summary>Where its series sit in <see cref="SeriesValues"/>.</summary>
    public const int TrendSlot = 0, ExitSlot = 1, RsiSlot = 2;

    private readonly double _buyBelow;
    private readonly double _sellAbove;
    private readonly Rsi _rsi;
    private readonly Sma _trend;
    private readonly Sma _exit;

    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Rsi2Reversal(Rsi2ReversalParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _buyBelow = parameters.BuyRsiBelow;
        _sellAbove = parameters.SellRsiAbove;
        _rsi = new Rsi(parameters.RsiPeriod, RsiMethod.Wilder);
        _trend = new Sma(parameters.TrendPeriod);
        _exit = new Sma(parameters.ExitPeriod);
        // The averages need their window before the first decided candle; Wilder's RSI is warmed over
        // CrossoverRsiStrategy.WilderPeriods periods (the start's weight then below e⁻²⁰).
        WarmUpPeriod = Math.Max(Math.Max(parameters.TrendPeriod, parameters.ExitPeriod) - 1, CrossoverRsiStrategy.WilderPeriods * parameters.RsiPeriod);
        Series =
        [
            SeriesSpec.Overlay(string.Create(CultureInfo.InvariantCulture, $"MA {parameters.TrendPeriod}")),
            SeriesSpec.Overlay(string.Create(CultureInfo.InvariantCulture, $"MA {parameters.ExitPeriod}")),
            SeriesSpec.Panel(string.Create(CultureInfo.InvariantCulture, $"RSI {parameters.RsiPeriod}"), parameters.BuyRsiBelow, parameters.SellRsiAbove),
        ];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        var close = (double)candle.Close;
        _rsi.Update(close);
        _trend.Update(close);
        _exit.Update(close);
        return Decide(close, _rsi.Value, _trend.Value, _exit.Value, series);
    }

    public StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        var close = (double)candle.Close;
        return Decide(close, _rsi.Preview(close), _trend.Preview(close), _exit.Preview(close), series);
    }

    // A NaN (not ready) fails every comparison; BUY also needs the exit average so it never fires before a SELL could.
    private StrategyDecision Decide(double close, double rsi, double trend, double exit, Span<double> series)
    {
        series[TrendSlot] = trend;
        series[ExitSlot] = exit;
        series[RsiSlot] = rsi;
        if (double.IsNaN(rsi) || double.IsNaN(trend) || double.IsNaN(exit)) return StrategyDecision.Hold;
        if (rsi > _sellAbove) return StrategyDecision.Sell("RSI above the sell level");
        if (close > exit) return StrategyDecision.Sell("Close above the exit average");
        if (rsi < _buyBelow && close > trend) return StrategyDecision.Buy("RSI below the buy level in an uptrend");
        return StrategyDecision.Hold;
    }
}
