using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest;

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

/// <summary>Which streams the app follows and where their candles come from (appsettings section "MarketData").</summary>
/// <remarks>
/// List defaults (Symbols, Intervals, Replay:Files) apply when a list is left empty (<see cref="Streams"/>,
/// <see cref="ReplaySourceOptions.EffectiveFiles"/>), so configured lists replace them rather than add to them.
/// </remarks>
public sealed class MarketDataOptions
{
    public const string SectionName = "MarketData";

    public MarketDataSourceKind Source { get; set; } = MarketDataSourceKind.Binance;

    /// <summary>Binance symbols, upper case (BTCUSDT). Used by the Binance source and the stream state.</summary>
    public List<string> Symbols { get; set; } = [];

    /// <summary>Binance kline interval codes ("1m", "1h"…). Used by the Binance and Synthetic sources.</summary>
    public List<string> Intervals { get; set; } = [];

    /// <summary>Candles kept per stream.</summary>
    public int BufferCapacity { get; set; } = CandleBuffer.DefaultCapacity;

    /// <summary>How much history the Binance source loads over REST at start.</summary>
    public TimeSpan BackfillLookback { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The health check reports Degraded when no message arrived for this long.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);

    public BinanceSourceOptions Binance { get; set; } = new();

    public ReplaySourceOptions Replay { get; set; } = new();

    public SyntheticSourceOptions Synthetic { get; set; } = new();

    /// <summary>
    /// The streams the app follows: for Binance, Symbols × Intervals in configuration order (BTCUSDT 1m when
    /// none are configured); for Replay, the streams its files are named after; for Synthetic, its generated
    /// symbols at every configured interval. A source's candles for any other stream would have nowhere to go.
    /// </summary>
    public IReadOnlyList<StreamKey> Streams()
    {
        var intervals = (Intervals.Count > 0 ? Intervals : ["1m"]).Select(KlineIntervals.Parse).Distinct().ToList();
        return Source switch
        {
            MarketDataSourceKind.Replay => Replay.EffectiveFiles
                .Select(f => ReplayFile.TryParseName(f, out var symbol, out var interval) ? new StreamKey(symbol, interval) : (StreamKey?)null)
                .OfType<StreamKey>().Distinct().ToList(),
            MarketDataSourceKind.Synthetic => Enumerable.Range(1, Synthetic.SymbolCount)
                .SelectMany(i => intervals.Select(interval => new StreamKey(SyntheticMarketDataSource.SymbolName(i), interval))).ToList(),
            _ => (Symbols.Count > 0 ? Symbols : ["BTCUSDT"])
                .SelectMany(s => intervals.Select(interval => new StreamKey(s.Trim(), interval))).Distinct().ToList(),
        };
    }

    /// <summary>Every problem in the section, each with its configuration path, so it is fixed in one pass.</summary>
    public IEnumerable<string> Validate()
    {
        const string s = SectionName;
        if (!Enum.IsDefined(Source))
            yield return $"{s}:Source '{Source}' is not a source; use Binance, Replay or Synthetic.";

        for (var i = 0; i < Symbols.Count; i++)
        {
            if (!SymbolRules.IsValid(Symbols[i]?.Trim()))
                yield return $"{s}:Symbols:{i} '{Symbols[i]}' is not a symbol: {SymbolRules.Description}";
        }
        foreach (var duplicate in Duplicates(Symbols)) yield return $"{s}:Symbols lists '{duplicate.Key}' {duplicate.Count} times.";

        for (var i = 0; i < Intervals.Count; i++)
        {
            if (!KlineIntervals.TryParse(Intervals[i], out _))
                yield return $"{s}:Intervals:{i} '{Intervals[i]}' is not a Binance interval; use one of {string.Join(", ", KlineIntervals.Codes)} (1m is a minute, 1M a month).";
        }
        foreach (var duplicate in Duplicates(Intervals)) yield return $"{s}:Intervals lists '{duplicate.Key}' {duplicate.Count} times.";

        if (Symbols.Count * Math.Max(1, Intervals.Count) > BinanceSourceOptions.MaxStreamsPerConnection)
            yield return $"{s}: {Symbols.Count} symbols × {Intervals.Count} intervals is more than the {BinanceSourceOptions.MaxStreamsPerConnection} " +
                         "streams Binance serves on the one connection the source opens.";
        if (BufferCapacity < 2 || BufferCapacity > 1_000_000)
            yield return $"{s}:BufferCapacity must be between 2 and 1000000 (is {BufferCapacity}).";
        if (BackfillLookback < TimeSpan.Zero) yield return $"{s}:BackfillLookback {BackfillLookback} must be zero or positive.";
        if (StaleAfter <= TimeSpan.Zero) yield return $"{s}:StaleAfter {StaleAfter} must be positive.";

        foreach (var problem in Binance.Validate($"{s}:Binance")) yield return problem;
        foreach (var problem in Replay.Validate($"{s}:Replay")) yield return problem;
        foreach (var problem in Synthetic.Validate($"{s}:Synthetic")) yield return problem;
    }

    private static IEnumerable<(string Key, int Count)> Duplicates(List<string> values) =>
        values.Where(v => v is not null).GroupBy(v => v.Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => (g.Key, g.Count()));
}

public sealed class BinanceSourceOptions
{
    /// <summary>
    /// Binance serves at most this many streams on one WebSocket connection, and the source opens one for every configured
    /// symbol × interval. A limit of Binance's, not of the node's: how many streams one node keeps is
    /// <c>StreamDirectory.MaxStreamsPerNode</c>, which happens to be the same number.
    /// </summary>
    public const int MaxStreamsPerConnection = 1_024;

    /// <summary>Spot REST base; https://api.binance.us for users in the United States.</summary>
    public string RestBaseUrl { get; set; } = "https://api.binance.com";

    /// <summary>Spot WebSocket base; wss://stream.binance.us:9443 for users in the United States.</summary>
    public string WebSocketBaseUrl { get; set; } = "wss://stream.binance.com:9443";

    /// <summary>No message (kline or otherwise) for this long counts as a dropped connection.</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failure; doubles on every further failure, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout for one REST call and for the WebSocket handshake.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Optional; market data needs none. Comes from user-secrets or the environment
    /// (MarketData__Binance__ApiKey), is sent only as the X-MBX-APIKEY header and never logged or shown.
    /// </summary>
    public string? ApiKey { get; set; }

    internal IEnumerable<string> Validate(string path)
    {
        if (Url(RestBaseUrl, "http", "https") is { } rest) yield return $"{path}:RestBaseUrl '{RestBaseUrl}' {rest}";
        if (Url(WebSocketBaseUrl, "ws", "wss") is { } ws) yield return $"{path}:WebSocketBaseUrl '{WebSocketBaseUrl}' {ws}";
        if (SilenceTimeout <= TimeSpan.Zero) yield return $"{path}:SilenceTimeout {SilenceTimeout} must be positive.";
        if (ReconnectMinDelay <= TimeSpan.Zero) yield return $"{path}:ReconnectMinDelay {ReconnectMinDelay} must be positive.";
        if (ReconnectMaxDelay < ReconnectMinDelay)
            yield return $"{path}:ReconnectMaxDelay {ReconnectMaxDelay} is shorter than ReconnectMinDelay {ReconnectMinDelay}.";
        if (RequestTimeout <= TimeSpan.Zero) yield return $"{path}:RequestTimeout {RequestTimeout} must be positive.";
    }

    private static string? Url(string? value, params string[] schemes)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
            return $"must be an absolute {string.Join(" or ", schemes)} URL.";
        return string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) ? null : "must be a base URL without query or fragment.";
    }
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
    /// Kline CSV files (plain, .gz, or a .zip of one CSV) named SYMBOL-INTERVAL-…, e.g. BTCUSDT-1m-2023-03.csv.gz. Relative paths
    /// are resolved against the content root, then the application directory. Empty: the shipped sample.
    /// </summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Multiple of real time: 60 plays a 1-minute candle in a second. 0 plays as fast as possible.</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Updates emitted per candle; all but the last are open-candle updates converging to the real candle.</summary>
    public int UpdatesPerCandle { get; set; } = 4;

    /// <summary>Start again at the end, with times shifted forward so each stream's time keeps moving on.</summary>
    public bool Loop { get; set; } = true;

    /// <summary>
    /// Each file's first candles covering this span are published at once, as closed candles, before real-time
    /// play starts, so the dashboard opens with full charts and ready indicators as it does live (the Binance
    /// source's BackfillLookback). Zero turns it off.
    /// </summary>
    public TimeSpan Backfill { get; set; } = TimeSpan.FromHours(6);

    public IReadOnlyList<string> EffectiveFiles => Files.Count > 0 ? Files : DefaultFiles;

    internal IEnumerable<string> Validate(string path)
    {
        for (var i = 0; i < Files.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Files[i]))
                yield return $"{path}:Files:{i} is empty.";
            else if (!ReplayFile.TryParseName(Files[i], out _, out _))
                yield return $"{path}:Files:{i} '{Files[i]}' must be named SYMBOL-INTERVAL-….csv, .csv.gz or .zip (e.g. BTCUSDT-1m-2023-03.csv.gz) so the symbol and interval are known.";
        }
        if (!double.IsFinite(Speed) || Speed < 0)
            yield return $"{path}:Speed {Speed} must be 0 (as fast as possible) or a positive multiple of real time.";
        if (UpdatesPerCandle is < 1 or > 1000)
            yield return $"{path}:UpdatesPerCandle {UpdatesPerCandle} must be between 1 and 1000.";
        if (Backfill < TimeSpan.Zero) yield return $"{path}:Backfill {Backfill} must be zero or positive.";
    }
}

public sealed class SyntheticSourceOptions
{
    /// <summary>Number of symbols, named SYN001USDT, SYN002USDT…; each runs at every configured interval.</summary>
    public int SymbolCount { get; set; } = 10;

    /// <summary>Kline updates per second across all synthetic streams.</summary>
    public double UpdatesPerSecond { get; set; } = 100;

    internal IEnumerable<string> Validate(string path)
    {
        if (SymbolCount is < 1 or > 999) yield return $"{path}:SymbolCount {SymbolCount} must be between 1 and 999.";
        if (!double.IsFinite(UpdatesPerSecond) || UpdatesPerSecond <= 0)
            yield return $"{path}:UpdatesPerSecond {UpdatesPerSecond} must be positive.";
    }
}
