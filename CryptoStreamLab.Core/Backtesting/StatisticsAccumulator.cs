using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Builds <see cref="BacktestStatistics"/> one committed evaluation at a time, in O(1) memory and without
/// allocating per candle, so a backtest or a sweep never has to keep every evaluation. Feed it every
/// committed (not preview) evaluation of one account, oldest first, then call <see cref="Result"/>.
/// </summary>
public sealed class StatisticsAccumulator
{
    private readonly TradingOptions _trading;
    private readonly decimal _startingBalance;
    private readonly double _periodsPerYear;

    private int _candles;
    private decimal _equity;
    private decimal _peak;
    private decimal _maxDrawdown;
    private decimal _maxDrawdownPct;

    // The drawdown at which the current peak would set a new percentage record: most candles are below it,
    // so the decimal division runs only for a candidate.
    private decimal _recordDrawdownAtPeak;

    // Eₜ₋₁ as a double, so each return costs one decimal-to-double conversion.
    private double _previousEquity;

    // Welford's running mean and sum of squared deviations: stable where Σr² − N·μ² would cancel.
    private double _meanReturn;
    private double _squaredDeviations;
    private double _downsideSquares;

    private int _fills;
    private int _exposedCandles;
    private decimal _feesPaid;
    private Fill? _openBuy;
    private int _roundTrips;
    private int _wins;
    private int _losses;
    private decimal _grossProfit;
    private decimal _grossLoss;

    private decimal _buyAndHoldCash;
    private decimal _buyAndHoldQuantity;
    private decimal _lastClose;

    public StatisticsAccumulator(KlineInterval interval, TradingOptions trading)
    {
        ArgumentNullException.ThrowIfNull(trading);
        _trading = trading;
        _startingBalance = trading.StartingBalance;
        _periodsPerYear = BacktestStatistics.PeriodsPerYearOf(interval);
        _equity = _peak = _buyAndHoldCash = _startingBalance;
        _previousEquity = (double)_startingBalance;
    }

    /// <summary>Buy-and-hold's equity at the latest close (the starting balance before the first candle), for drawing it beside the equity curve.</summary>
    public decimal BuyAndHoldEquity => _buyAndHoldCash + _buyAndHoldQuantity * _lastClose;

    public void Add(in Evaluation evaluation)
    {
        if (evaluation.IsPreview) throw new ArgumentException("Previews of an open candle are not part of a run.", nameof(evaluation));

        var close = evaluation.Candle.Close;
        if (_candles == 0) StartBuyAndHold(evaluation.Candle.OpenTime, close);
        _candles++;
        _lastClose = close;

        var equity = evaluation.Equity;
        var equityAsDouble = (double)equity;
        AddReturn(_previousEquity == 0 ? 0 : equityAsDouble / _previousEquity - 1);
        _previousEquity = equityAsDouble;
        _equity = equity;
        TrackDrawdown(equity);

        if (evaluation.Quantity > 0) _exposedCandles++;
        if (evaluation.Fill is { } fill) AddFill(fill);
    }

    public BacktestStatistics Result()
    {
        var n = _candles;
        var sigma = n >= 2 ? Math.Sqrt(_squaredDeviations / (n - 1)) : 0;
        var downside = n >= 2 ? Math.Sqrt(_downsideSquares / n) : 0;
        var annualiser = Math.Sqrt(_periodsPerYear);
        var netProfit = _equity - _startingBalance;
        var buyAndHold = BuyAndHoldEquity;
        return new BacktestStatistics(
            Candles: n,
            StartingBalance: _startingBalance,
            FinalEquity: _equity,
            NetProfit: netProfit,
            NetProfitPct: netProfit / _startingBalance * 100m,
            Fills: _fills,
            RoundTrips: _roundTrips,
            Wins: _wins,
            Losses: _losses,
            WinRatePct: _roundTrips > 0 ? (decimal)_wins / _roundTrips * 100m : null,
            AverageWin: _wins > 0 ? _grossProfit / _wins : null,
            AverageLoss: _losses > 0 ? _grossLoss / _losses : null,
            ProfitFactor: _grossLoss < 0 ? _grossProfit / -_grossLoss : null,
            MaxDrawdown: _maxDrawdown,
            MaxDrawdownPct: _maxDrawdownPct,
            Sharpe: sigma > 0 ? _meanReturn / sigma * annualiser : null,
            Sortino: downside > 0 ? _meanReturn / downside * annualiser : null,
            PeriodsPerYear: _periodsPerYear,
            ExposurePct: n > 0 ? (decimal)_exposedCandles / n * 100m : 0,
            FeesPaid: _feesPaid,
            BuyAndHoldEquity: buyAndHold,
            BuyAndHoldProfitPct: (buyAndHold - _startingBalance) / _startingBalance * 100m);
    }

    private void StartBuyAndHold(long openTime, decimal close)
    {
        // The account's own rules (step, fee, all cash) so the comparison is like for like.
        var account = new PaperAccount(_trading);
        account.Execute(Signal.Buy, openTime, close);
        _buyAndHoldCash = account.Cash;
        _buyAndHoldQuantity = account.Quantity;
    }

    private void AddReturn(double r)
    {
        var count = _candles; // already includes this return
        var delta = r - _meanReturn;
        _meanReturn += delta / count;
        _squaredDeviations += delta * (r - _meanReturn);
        if (r < 0) _downsideSquares += r * r;
    }

    private void TrackDrawdown(decimal equity)
    {
        if (equity > _peak)
        {
            _peak = equity;
            _recordDrawdownAtPeak = _maxDrawdownPct / 100m * _peak;
            return;
        }

        var drawdown = _peak - equity;
        if (drawdown > _maxDrawdown) _maxDrawdown = drawdown;
        // ≥ rather than >: the threshold is rounded, so a tie is settled by the exact division.
        if (drawdown <= 0 || drawdown < _recordDrawdownAtPeak) return;
        var pct = drawdown / _peak * 100m;
        if (pct <= _maxDrawdownPct) return;
        _maxDrawdownPct = pct;
        _recordDrawdownAtPeak = _maxDrawdownPct / 100m * _peak;
    }

    private void AddFill(in Fill fill)
    {
        _fills++;
        _feesPaid += fill.Fee;
        if (fill.Side == TradeSide.Buy)
        {
            _openBuy = fill;
            return;
        }

        // A sell of a position bought before this run's first candle has no known cost: not a round trip.
        if (_openBuy is not { } buy) return;
        _openBuy = null;
        _roundTrips++;
        var profit = (fill.Price * fill.Quantity - fill.Fee) - (buy.Price * buy.Quantity + buy.Fee);
        if (profit > 0)
        {
            _wins++;
            _grossProfit += profit;
        }
        else if (profit < 0)
        {
            _losses++;
            _grossLoss += profit;
        }
    }
}
