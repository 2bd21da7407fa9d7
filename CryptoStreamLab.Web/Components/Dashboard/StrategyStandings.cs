using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// The comparison of a stream's strategies in one place: each one's <see cref="StrategyStanding"/> from its view's equity
/// curve and fills (the backtester's <see cref="StatisticsAccumulator"/> does the arithmetic), best return first, and
/// buy-and-hold over the same candles to draw beside their curves.
/// </summary>
public static class StrategyStandings
{
    /// <summary>Every view's standing, the highest return first (configuration order among equals).</summary>
    public static IReadOnlyList<StrategyStanding> Rank(IEnumerable<(string Name, StreamSnapshot View)> views) =>
        views.Select(v => Of(v.Name, v.View)).OrderByDescending(s => s.ReturnPct).ToList();

    /// <summary>
    /// One strategy's standing. The curve's statistics start from its first point's equity, so an account older than the
    /// buffer is judged on the candles the buffer holds.
    /// </summary>
    public static StrategyStanding Of(string name, StreamSnapshot view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var curve = view.EquityCurve;
        var fills = view.Fills.ToDictionary(f => f.CandleOpenTime);
        var start = curve.Count > 0 && curve[0].Equity > 0 ? curve[0].Equity : view.StartingBalance;
        var statistics = new StatisticsAccumulator(view.Key.Interval, new TradingOptions { StartingBalance = start > 0 ? start : 1 });
        foreach (var point in curve)
            statistics.Add(Evaluation(view.Key, point, fills.TryGetValue(point.OpenTime, out var fill) ? fill : null));
        var result = statistics.Result();
        return new StrategyStanding(name, decimal.Round(view.PnlPercent, 4), decimal.Round(result.MaxDrawdownPct, 4), view.Account.FillCount,
            result.RoundTrips, result.WinRatePct is { } win ? decimal.Round(win, 4) : null, result.Sharpe);
    }

    /// <summary>
    /// Buy-and-hold over <paramref name="candles"/>' closed candles from <paramref name="from"/> on: the starting balance ×
    /// close / the first of those closes (no fee, fractional quantity), one point per candle.
    /// </summary>
    public static IReadOnlyList<(long OpenTime, decimal Equity)> BuyAndHold(IReadOnlyList<Candle> candles, long from, decimal startingBalance)
    {
        var window = candles.Where(c => c.IsClosed && c.OpenTime >= from).ToList();
        if (window.Count == 0 || window[0].Close <= 0) return [];
        var first = window[0].Close;
        return window.Select(c => (c.OpenTime, startingBalance * c.Close / first)).ToList();
    }

    /// <summary>Changes whenever any curve does (a closed candle, a reset), and not with the open candle's updates.</summary>
    public static int CurvesVersion(IEnumerable<StreamSnapshot> views)
    {
        var hash = new HashCode();
        foreach (var view in views)
        {
            hash.Add(view.EquityCurve.Count);
            if (view.EquityCurve.Count > 0) hash.Add(view.EquityCurve[^1]);
        }
        return hash.ToHashCode();
    }

    // The curve's point as the committed evaluation it records: the close, the account after it and its fill.
    private static Evaluation Evaluation(StreamKey key, in EquityPoint point, Fill? fill)
    {
        var candle = new Candle(key.Symbol, key.Interval, point.OpenTime, point.OpenTime + (long)key.Interval.NominalDuration().TotalMilliseconds - 1,
            point.Close, point.Close, point.Close, point.Close, 0, 0, 0, IsClosed: true);
        return new Evaluation(candle, SeriesValues.Empty, Signal.Hold, Signal.Hold, fill, point.Cash, point.Quantity, point.Equity, IsPreview: false);
    }
}
