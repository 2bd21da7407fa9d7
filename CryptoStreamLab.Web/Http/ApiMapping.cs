using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Http;

/// <summary>The engine's records as /api/v1 documents.</summary>
internal static class ApiMapping
{
    public static ApiStreamSummary Summary(StreamDirectory market, StreamKey key) => Summary(market, key, market.Snapshot(key));

    /// <summary>
    /// The stream as its first strategy (or <paramref name="selected"/>) sees it, with every strategy's figures in
    /// <see cref="ApiStreamSummary.Strategies"/>.
    /// </summary>
    public static ApiStreamSummary Summary(StreamDirectory market, StreamKey key, StreamSnapshot snapshot, StrategyView? selected = null)
    {
        var s = selected?.Snapshot ?? snapshot;
        Candle? last = s.IsEmpty ? null : s.Candles[^1];
        return new ApiStreamSummary(key.Symbol, key.Interval.ToCode(), s.Candles.Count, s.LastClose,
            last is { } c ? new ApiLastCandle(c.OpenTime, c.Open, c.High, c.Low, c.Close, c.IsClosed) : null,
            s.LastSignal?.Token(), s.Account.Quantity, s.Account.Cash, s.Equity, s.StartingBalance, Percent(s.PnlPercent),
            s.Account.FillCount, s.RejectedUpdates, s.LastUpdate?.ToUnixTimeMilliseconds(), market.Owner(key),
            StrategyView.All(market, key, snapshot).Select(Strategy).ToList());
    }

    public static ApiStrategySummary Strategy(StrategyView view)
    {
        var s = view.Snapshot;
        var series = ApiSeries.Of(view).Values(s.Latest?.Series ?? SeriesValues.Empty);
        return new ApiStrategySummary(view.Name, view.Type, s.Equity, Percent(s.PnlPercent), s.Account.FillCount, s.LastSignal?.Token(), series);
    }

    /// <summary>A committed evaluation as the engine made it, or the open candle's preview (no signal or action yet).</summary>
    public static ApiCandle Candle(in Evaluation e, ApiSeries series) =>
        Candle(e.Candle, e.Series, e.IsPreview ? null : e.Signal, e.IsPreview ? null : e.Action, series);

    public static ApiCandle Candle(in Candle c, in SeriesValues values, Signal? signal, Signal? action, ApiSeries series) =>
        new(c.OpenTime, c.CloseTime, c.Open, c.High, c.Low, c.Close, c.Volume, c.IsClosed, series.FastMa(values), series.SlowMa(values),
            series.Rsi(values), signal?.Token(), action?.Token(), series.Values(values));

    public static ApiSignal Signal(in Evaluation e, ApiSeries series) =>
        new(e.Candle.OpenTime, e.Signal.Token(), e.Action.Token(), e.Candle.Close, series.FastMa(e.Series), series.SlowMa(e.Series),
            series.Rsi(e.Series), series.Values(e.Series));

    public static ApiFill Fill(in Fill f) =>
        new(f.CandleOpenTime, f.Side.Token(), f.Price, f.Quantity, f.Fee, f.Reason.Token(), f.CashAfter, f.QuantityAfter);

    public static ApiEquityPoint Point(in EquityPoint p) => new(p.OpenTime, p.Close, p.Cash, p.Quantity, p.Equity);

    /// <summary>The action a fill stands for: BUY or SELL.</summary>
    public static Signal Side(TradeSide side) => side == TradeSide.Buy ? Core.Strategy.Signal.Buy : Core.Strategy.Signal.Sell;

    private static decimal Percent(decimal value) => decimal.Round(value, 4);

    // JSON has no NaN: an indicator still warming up is null.
}
