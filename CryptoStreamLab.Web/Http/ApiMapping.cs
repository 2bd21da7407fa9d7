using CryptoStreamLab.Core;
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
    public static ApiStreamSummary Summary(StreamDirectory market, StreamKey key) => Summary(key, market.Snapshot(key), market.Owner(key));

    public static ApiStreamSummary Summary(StreamKey key, StreamSnapshot s, string? owner)
    {
        Candle? last = s.IsEmpty ? null : s.Candles[^1];
        return new ApiStreamSummary(key.Symbol, key.Interval.ToCode(), s.Candles.Count, s.LastClose,
            last is { } c ? new ApiLastCandle(c.OpenTime, c.Open, c.High, c.Low, c.Close, c.IsClosed) : null,
            s.LastSignal?.Token(), s.Account.Quantity, s.Account.Cash, s.Equity, s.StartingBalance, decimal.Round(s.PnlPercent, 4),
            s.Account.FillCount, s.RejectedUpdates, s.LastUpdate?.ToUnixTimeMilliseconds(), owner);
    }

    /// <summary>A committed evaluation as the engine made it, or the open candle's preview (no signal or action yet).</summary>
    public static ApiCandle Candle(in Evaluation e) =>
        Candle(e.Candle, e.FastMa, e.SlowMa, e.Rsi, e.IsPreview ? null : e.Signal, e.IsPreview ? null : e.Action);

    public static ApiCandle Candle(in Candle c, double fastMa, double slowMa, double rsi, Signal? signal, Signal? action) =>
        new(c.OpenTime, c.CloseTime, c.Open, c.High, c.Low, c.Close, c.Volume, c.IsClosed, Finite.OrNull(fastMa), Finite.OrNull(slowMa), Finite.OrNull(rsi),
            signal?.Token(), action?.Token());

    public static ApiSignal Signal(in Evaluation e) =>
        new(e.Candle.OpenTime, e.Signal.Token(), e.Action.Token(), e.Candle.Close, Finite.OrNull(e.FastMa), Finite.OrNull(e.SlowMa), Finite.OrNull(e.Rsi));

    public static ApiFill Fill(in Fill f) =>
        new(f.CandleOpenTime, f.Side.Token(), f.Price, f.Quantity, f.Fee, f.Reason.Token(), f.CashAfter, f.QuantityAfter);

    public static ApiEquityPoint Point(in EquityPoint p) => new(p.OpenTime, p.Close, p.Cash, p.Quantity, p.Equity);

    /// <summary>The action a fill stands for: BUY or SELL.</summary>
    public static Signal Side(TradeSide side) => side == TradeSide.Buy ? Core.Strategy.Signal.Buy : Core.Strategy.Signal.Sell;

    // JSON has no NaN: an indicator still warming up is null.
}
