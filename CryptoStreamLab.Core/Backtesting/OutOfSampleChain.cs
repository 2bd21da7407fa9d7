using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>One candle of the chained out-of-sample curve: the close, the chained equity and buy and hold from the first out-of-sample close.</summary>
public readonly record struct ChainPoint(long OpenTime, decimal Close, decimal Equity, decimal BuyAndHold);

/// <summary>
/// The out-of-sample equity of a walk-forward's folds laid end to end. Each fold's test run starts a fresh account at the
/// starting balance E₀; in the chain it starts with the equity the previous segment ended with, so every evaluation of
/// segment k is scaled by Cₖ / E₀ (Cₖ the chained equity at its start, C₁ = E₀): cash, quantity, equity and fills alike.
/// The chain's statistics are those of that scaled series, by the usual definitions (<see cref="StatisticsAccumulator"/>).
/// </summary>
public sealed class OutOfSampleChain
{
    private readonly StatisticsAccumulator _statistics;
    private readonly decimal _startingBalance;
    private readonly List<ChainPoint> _curve = [];
    private decimal _equity;
    private decimal _scale = 1m;
    private long _milliseconds;

    public OutOfSampleChain(KlineInterval interval, TradingOptions trading)
    {
        ArgumentNullException.ThrowIfNull(trading);
        _statistics = new StatisticsAccumulator(interval, trading);
        _startingBalance = _equity = trading.StartingBalance;
    }

    /// <summary>The chained curve so far, one point per out-of-sample candle.</summary>
    public IReadOnlyList<ChainPoint> Curve => _curve;

    /// <summary>The length of every segment together, in days (gaps between test windows are not out-of-sample time).</summary>
    public double Days => _milliseconds / (double)TimeSpan.MillisecondsPerDay;

    /// <summary>Starts the next fold's segment, covering <paramref name="window"/>, from the equity the chain has reached.</summary>
    public void StartSegment(TimeWindow window)
    {
        _scale = _equity / _startingBalance;
        _milliseconds += window.To - window.From;
    }

    /// <summary>Adds one committed evaluation of the current segment's fresh account.</summary>
    public void Add(in Evaluation evaluation)
    {
        var scaled = Scale(evaluation, _scale);
        _statistics.Add(scaled);
        _equity = scaled.Equity;
        _curve.Add(new ChainPoint(evaluation.Candle.OpenTime, evaluation.Candle.Close, scaled.Equity, _statistics.BuyAndHoldEquity));
    }

    public BacktestStatistics Statistics() => _statistics.Result();

    private static Evaluation Scale(in Evaluation e, decimal s) => s == 1m
        ? e
        : e with
        {
            Cash = e.Cash * s,
            Quantity = e.Quantity * s,
            Equity = e.Equity * s,
            Fill = e.Fill is { } f
                ? f with { Quantity = f.Quantity * s, Fee = f.Fee * s, CashAfter = f.CashAfter * s, QuantityAfter = f.QuantityAfter * s }
                : null,
        };
}
