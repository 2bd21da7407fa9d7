using CryptoStreamLab.Core.Indicators;

namespace CryptoStreamLab.Tests.Core.Indicators;

/// <summary>
/// Any of the indicators behind one shape, so one test runs them all: a candle's high, low and close in (single-series
/// indicators read one of them), its outputs out (MACD and Bollinger have three), and the TA-Lib reference for a month.
/// </summary>
public sealed record IndicatorProbe(
    int WarmUpPeriod,
    bool ReadsHighLowClose,
    Func<bool> IsReady,
    Action<double, double, double> Update,
    Func<double, double, double, double[]> Preview,
    Func<double[]> Values)
{
    /// <summary>The cases by name; each builds a fresh indicator and its reference outputs over a month.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<IndicatorProbe> Create, Func<LtcMonth, double[][]> Reference)> Cases =
        new Dictionary<string, (Func<IndicatorProbe>, Func<LtcMonth, double[][]>)>
        {
            ["Sma(1)"] = (() => OnClose(new Sma(1)), m => [TaLibReference.Sma(m.Close, 1)]),
            ["Sma(20)"] = (() => OnClose(new Sma(20)), m => [TaLibReference.Sma(m.Close, 20)]),
            ["Sma(200)"] = (() => OnClose(new Sma(200)), m => [TaLibReference.Sma(m.Close, 200)]),
            ["Ema(1)"] = (() => OnClose(new Ema(1)), m => [TaLibReference.Ema(m.Close, 1)]),
            ["Ema(12)"] = (() => OnClose(new Ema(12)), m => [TaLibReference.Ema(m.Close, 12)]),
            ["Ema(200)"] = (() => OnClose(new Ema(200)), m => [TaLibReference.Ema(m.Close, 200)]),
            ["Rsi(2, Wilder)"] = (() => OnClose(new Rsi(2, RsiMethod.Wilder)), m => [TaLibReference.RsiWilder(m.Close, 2)]),
            ["Rsi(14, Wilder)"] = (() => OnClose(new Rsi(14, RsiMethod.Wilder)), m => [TaLibReference.RsiWilder(m.Close, 14)]),
            ["Rsi(2, Simple)"] = (() => OnClose(new Rsi(2, RsiMethod.Simple)), m => [TaLibReference.RsiSimple(m.Close, 2)]),
            ["Rsi(14, Simple)"] = (() => OnClose(new Rsi(14, RsiMethod.Simple)), m => [TaLibReference.RsiSimple(m.Close, 14)]),
            ["Macd(12, 26, 9)"] = (() => Of(new Macd(12, 26, 9)), m => Three(TaLibReference.Macd(m.Close, 12, 26, 9))),
            ["Macd(5, 35, 5)"] = (() => Of(new Macd(5, 35, 5)), m => Three(TaLibReference.Macd(m.Close, 5, 35, 5))),
            ["BollingerBands(20, 2)"] = (() => Of(new BollingerBands(20, 2)), m => Three(TaLibReference.Bollinger(m.Close, 20, 2))),
            ["BollingerBands(5, 1.5)"] = (() => Of(new BollingerBands(5, 1.5)), m => Three(TaLibReference.Bollinger(m.Close, 5, 1.5))),
            ["Atr(1)"] = (() => Of(new Atr(1)), m => [TaLibReference.Atr(m.High, m.Low, m.Close, 1)]),
            ["Atr(14)"] = (() => Of(new Atr(14)), m => [TaLibReference.Atr(m.High, m.Low, m.Close, 14)]),
            ["StochasticK(5)"] = (() => Of(new StochasticK(5)), m => [TaLibReference.StochasticK(m.High, m.Low, m.Close, 5)]),
            ["StochasticK(14)"] = (() => Of(new StochasticK(14)), m => [TaLibReference.StochasticK(m.High, m.Low, m.Close, 14)]),
            ["StochasticD(14, 3)"] = (() => Of(new StochasticD(14, 3)), m => [TaLibReference.StochasticD(m.High, m.Low, m.Close, 14, 3)]),
            ["Highest(1) of highs"] = (() => OnHigh(new Highest(1)), m => [TaLibReference.Max(m.High, 1)]),
            ["Highest(20) of highs"] = (() => OnHigh(new Highest(20)), m => [TaLibReference.Max(m.High, 20)]),
            ["Highest(60) of closes"] = (() => OnClose(new Highest(60)), m => [TaLibReference.Max(m.Close, 60)]),
            ["Lowest(20) of lows"] = (() => OnLow(new Lowest(20)), m => [TaLibReference.Min(m.Low, 20)]),
            ["Lowest(60) of closes"] = (() => OnClose(new Lowest(60)), m => [TaLibReference.Min(m.Close, 60)]),
        };

    public static TheoryData<string> Names() => new(Cases.Keys);

    private static IndicatorProbe OnClose(ISeriesIndicator i) =>
        new(i.WarmUpPeriod, false, () => i.IsReady, (_, _, c) => i.Update(c), (_, _, c) => [i.Preview(c)], () => [i.Value]);

    private static IndicatorProbe OnHigh(ISeriesIndicator i) =>
        new(i.WarmUpPeriod, false, () => i.IsReady, (h, _, _) => i.Update(h), (h, _, _) => [i.Preview(h)], () => [i.Value]);

    private static IndicatorProbe OnLow(ISeriesIndicator i) =>
        new(i.WarmUpPeriod, false, () => i.IsReady, (_, l, _) => i.Update(l), (_, l, _) => [i.Preview(l)], () => [i.Value]);

    private static IndicatorProbe Of(Macd m) =>
        new(m.WarmUpPeriod, false, () => m.IsReady, (_, _, c) => m.Update(c), (_, _, c) => Three(m.Preview(c)), () => [m.Line, m.Signal, m.Histogram]);

    private static IndicatorProbe Of(BollingerBands b) =>
        new(b.WarmUpPeriod, false, () => b.IsReady, (_, _, c) => b.Update(c), (_, _, c) => Three(b.Preview(c)), () => [b.Upper, b.Middle, b.Lower]);

    private static IndicatorProbe Of(Atr a) =>
        new(a.WarmUpPeriod, true, () => a.IsReady, a.Update, (h, l, c) => [a.Preview(h, l, c)], () => [a.Value]);

    private static IndicatorProbe Of(StochasticK k) =>
        new(k.WarmUpPeriod, true, () => k.IsReady, k.Update, (h, l, c) => [k.Preview(h, l, c)], () => [k.Value]);

    private static IndicatorProbe Of(StochasticD d) =>
        new(d.WarmUpPeriod, true, () => d.IsReady, d.Update, (h, l, c) => [d.Preview(h, l, c)], () => [d.Value]);

    private static double[] Three(MacdPoint p) => [p.Line, p.Signal, p.Histogram];

    private static double[] Three(BandPoint p) => [p.Upper, p.Middle, p.Lower];

    private static double[][] Three((double[], double[], double[]) t) => [t.Item1, t.Item2, t.Item3];
}
