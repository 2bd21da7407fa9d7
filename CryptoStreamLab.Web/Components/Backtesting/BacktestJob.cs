using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>One candle's point on the page's charts: only what they draw, so a long run stays small in the circuit's memory.</summary>
public readonly record struct CurvePoint(long OpenTime, decimal Close, decimal Equity, decimal BuyAndHold);

/// <summary>One series the strategy drew: its spec and its value at each point of the curve (NaN while not ready).</summary>
public sealed record SeriesLine(SeriesSpec Spec, double[] Values);

/// <summary>What the page shows after a run; <see cref="Series"/> are the run's strategy's, aligned with <see cref="Curve"/>.</summary>
public sealed record BacktestOutcome(StreamKey Stream, IReadOnlyList<CurvePoint> Curve, IReadOnlyList<Fill> Fills, BacktestStatistics Statistics,
    IReadOnlyList<SeriesLine> Series);

/// <summary>Runs a backtest for the page off the circuit's thread, reporting progress and honouring cancellation.</summary>
public static class BacktestJob
{
    /// <param name="onProgress">Called with the fraction done (0–1), at most about a hundred times, from the worker thread.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled before the run finished.</exception>
    public static Task<BacktestOutcome> RunAsync(
        StreamKey stream,
        EngineSettings settings,
        IReadOnlyList<Candle> candles,
        Action<double>? onProgress,
        CancellationToken cancellationToken) =>
        RunAsync(stream, settings, candles, TimeWindow.All, onProgress, cancellationToken);

    /// <summary>A run trading over <paramref name="window"/>; the candles before it only warm the engine (see <see cref="Backtester"/>).</summary>
    public static Task<BacktestOutcome> RunAsync(
        StreamKey stream,
        EngineSettings settings,
        IReadOnlyList<Candle> candles,
        TimeWindow window,
        Action<double>? onProgress,
        CancellationToken cancellationToken) =>
        Task.Run(() => Run(stream, settings, candles, window, onProgress, cancellationToken), cancellationToken);

    public static BacktestOutcome Run(
        StreamKey stream,
        EngineSettings settings,
        IReadOnlyList<Candle> candles,
        Action<double>? onProgress,
        CancellationToken cancellationToken) =>
        Run(stream, settings, candles, TimeWindow.All, onProgress, cancellationToken);

    public static BacktestOutcome Run(
        StreamKey stream,
        EngineSettings settings,
        IReadOnlyList<Candle> candles,
        TimeWindow window,
        Action<double>? onProgress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var trading = CandleWindow.CountIn(candles, window);
        var curve = new List<CurvePoint>(trading);
        var specs = settings.Setup.Series;
        var series = specs.Select(_ => new List<double>(trading)).ToArray();
        // A second accumulator only for its buy-and-hold value at every close; the backtester keeps the statistics.
        var buyAndHold = new StatisticsAccumulator(stream.Interval, settings.Trading);
        var reportEvery = Math.Max(1, trading / 100);
        var summary = Backtester.Run(stream, settings, candles, window, e =>
        {
            buyAndHold.Add(e);
            curve.Add(new CurvePoint(e.Candle.OpenTime, e.Candle.Close, e.Equity, buyAndHold.BuyAndHoldEquity));
            for (var i = 0; i < series.Length; i++) series[i].Add(e.Series[i]);
            if (curve.Count % reportEvery == 0) onProgress?.Invoke((double)curve.Count / trading);
        }, cancellationToken);
        // The backtester looks at the token every 4,096 candles: a cancel after its last look still must not show as a finished run.
        cancellationToken.ThrowIfCancellationRequested();
        return new BacktestOutcome(stream, curve, summary.Fills, summary.Statistics,
            specs.Select((spec, i) => new SeriesLine(spec, series[i].ToArray())).ToList());
    }
}
