using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// What a run on the page uses: the candles, oldest first, and the trading window within them. Candles before the window
/// only warm the engine, as with <c>backtest --from</c>.
/// </summary>
public sealed record BacktestInput(StreamKey Stream, Candle[] Candles, TimeWindow Window)
{
    /// <summary>The candles that trade: those opening inside the window.</summary>
    public int TradingCandles => CandleWindow.CountIn(Candles, Window);
}
