using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>The backtest page's uploaded kline file: the symbol and interval fields, and the candles read or why not.</summary>
public sealed class UploadedCandles
{
    public string Symbol { get; set; } = "BTCUSDT";

    public KlineInterval Interval { get; set; } = KlineInterval.OneMinute;

    /// <summary>The file's candles; null until one was read.</summary>
    public Candle[]? Candles { get; private set; }

    public StreamKey Stream { get; private set; }

    /// <summary>The file's name.</summary>
    public string? Name { get; private set; }

    /// <summary>Why the last file could not be used, or null.</summary>
    public string? Error { get; private set; }

    public bool Uploading { get; set; }

    public void Start() => (Candles, Error) = (null, null);

    public void Fail(string error) => (Candles, Error) = (null, error);

    /// <summary>The file's candles; the fields take its symbol and interval.</summary>
    public void Loaded(StreamKey stream, string name, Candle[] candles)
    {
        (Candles, Stream, Name, Error) = (candles, stream, name, null);
        (Symbol, Interval) = (stream.Symbol, stream.Interval);
    }
}
