using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Web.Components;

/// <summary>Hand-made snapshots for components that only draw what they are given.</summary>
public static class Snapshots
{
    public const long T0 = 1_769_904_000_000; // 2026-02-01 00:00 UTC

    /// <summary>A candle of the snapshots' stream, <paramref name="minute"/> minutes after <see cref="T0"/>.</summary>
    public static Candle Candle(int minute, decimal close, bool closed = true) =>
        TestCandles.Make(minute, close, closed, symbol: "LTCUSDT", origin: T0);

    public static Evaluation Evaluate(Candle candle, double rsi = 55, Signal signal = Signal.Hold, decimal equity = 10_000m) =>
        new(candle, Evaluation.SeedSeries((double)candle.Close, double.NaN, rsi), signal, Signal.Hold, null, equity, 0, equity, !candle.IsClosed);

    public static StreamSnapshot Of(IReadOnlyList<Candle> candles, IReadOnlyList<Fill>? fills = null, AccountState? account = null, long version = 1)
    {
        var evaluations = candles.Where(c => c.IsClosed).Select(c => Evaluate(c)).ToArray();
        var latest = candles.Count == 0 ? (Evaluation?)null : Evaluate(candles[^1]);
        return new StreamSnapshot(new StreamKey("LTCUSDT", KlineInterval.OneMinute), version, candles, evaluations, latest,
            fills ?? [], evaluations.Select(e => new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity)).ToArray(),
            account ?? new AccountState(10_000m, 0, 0, 0, 0), 10_000m, 0, null);
    }

    public static Fill Buy(int minute, decimal price, decimal quantity) =>
        new(T0 + minute * 60_000L, TradeSide.Buy, price, quantity, Fee: 1.5m, CashAfter: 0.5m, QuantityAfter: quantity);

    public static Fill Sell(int minute, decimal price, decimal quantity) =>
        new(T0 + minute * 60_000L, TradeSide.Sell, price, quantity, Fee: 1.25m, CashAfter: price * quantity - 1.25m, QuantityAfter: 0);
}
