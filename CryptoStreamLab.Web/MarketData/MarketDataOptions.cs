namespace CryptoStreamLab.Web.MarketData;

/// <summary>Which source feeds the Kafka topic.</summary>
public enum MarketDataSourceKind
{
    /// <summary>Live klines from Binance: REST backfill, then one combined WebSocket stream.</summary>
    Binance,

    /// <summary>Kline CSV files played back at a multiple of real time: the offline demo.</summary>
    Replay,

    /// <summary>Random-walk candles for many symbols, for load tests.</summary>
    Synthetic,
}

/// <summary>The "MarketData" configuration section.</summary>
/// <remarks>
/// List defaults (Symbols, Intervals, Replay:Files) are applied after binding when the list is left empty,
/// because the configuration binder appends to a list that already has items instead of replacing it.
/// </remarks>
public sealed class MarketDataOptions
{
    public const string SectionName = "MarketData";

    public static readonly IReadOnlyList<string> DefaultSymbols = ["BTCUSDT"];
    public static readonly IReadOnlyList<string> DefaultIntervals = ["1m"];

    public MarketDataSourceKind Source { get; set; } = MarketDataSourceKind.Binance;

    /// <summary>Binance symbols, upper case (BTCUSDT). Used by the Binance source.</summary>
    public List<string> Symbols { get; set; } = [];

    /// <summary>Binance kline interval codes ("1m", "1h"…). Used by the Binance and Synthetic sources.</summary>
    public List<string> Intervals { get; set; } = [];

    /// <summary>Candles kept per stream by the consumer's rolling buffer.</summary>
    public int BufferCapacity { get; set; } = 1000;

    /// <summary>How much history the Binance source loads over REST at start.</summary>
    public TimeSpan BackfillLookback { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The health check reports Degraded when no message arrived for this long.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);

    public BinanceSourceOptions Binance { get; set; } = new();

    public ReplaySourceOptions Replay { get; set; } = new();

    public SyntheticSourceOptions Synthetic { get; set; } = new();
}

public sealed class BinanceSourceOptions
{
    /// <summary>Spot REST base; https://api.binance.us for users in the United States.</summary>
    public string RestBaseUrl { get; set; } = "https://api.binance.com";

    /// <summary>Spot WebSocket base; wss://stream.binance.us:9443 for users in the United States.</summary>
    public string WebSocketBaseUrl { get; set; } = "wss://stream.binance.com:9443";

    /// <summary>No message (kline or otherwise) for this long counts as a dropped connection.</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failure; doubles on every further failure, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per-request timeout for REST calls.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Optional; market data needs none. Comes from user-secrets or the environment
    /// (MarketData__Binance__ApiKey), is sent only as the X-MBX-APIKEY header and never logged or shown.
    /// </summary>
    public string? ApiKey { get; set; }
}

public sealed class ReplaySourceOptions
{
    /// <summary>The sample shipped with the app: two days of real 1-minute candles for two symbols.</summary>
    public static readonly IReadOnlyList<string> DefaultFiles =
    [
        "SampleData/BTCUSDT-1m-2023-03-01_02-binanceus.csv.gz",
        "SampleData/LTCUSDT-1m-2026-02-01_02-futures.csv.gz",
    ];

    /// <summary>
    /// Kline CSV files (plain or .gz) named SYMBOL-INTERVAL-…, e.g. BTCUSDT-1m-2023-03.csv.gz. Relative paths
    /// are resolved against the content root, then the application directory.
    /// </summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Multiple of real time: 60 plays a 1-minute candle in a second. 0 plays as fast as possible.</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Updates emitted per candle; all but the last are open-candle updates converging to the real candle.</summary>
    public int UpdatesPerCandle { get; set; } = 4;

    /// <summary>Start again at the end, with times shifted forward so each stream's time keeps moving on.</summary>
    public bool Loop { get; set; } = true;
}

public sealed class SyntheticSourceOptions
{
    /// <summary>Number of symbols, named SYN001USDT, SYN002USDT…; each runs at every configured interval.</summary>
    public int SymbolCount { get; set; } = 10;

    /// <summary>Kline updates per second across all synthetic streams.</summary>
    public double UpdatesPerSecond { get; set; } = 100;
}
