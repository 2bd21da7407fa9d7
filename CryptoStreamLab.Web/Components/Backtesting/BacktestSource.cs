namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>Where the backtest page takes its candles from.</summary>
public enum BacktestSource
{
    /// <summary>A configured stream's retained history.</summary>
    Stream,

    /// <summary>An uploaded kline CSV.</summary>
    Upload,

    /// <summary>A date range of a stream in the candle archive.</summary>
    Archive,
}
