namespace CryptoStreamLab.Web.Http;

// The /api/v1 documents. Names are snake_case on the wire (ApiJsonContext), times are epoch milliseconds (UTC), prices
// and amounts are exact decimals written as JSON numbers, and an indicator still warming up is null (JSON has no NaN).

/// <summary>Every stream this node knows, configured ones first.</summary>
public sealed record ApiStreamList(IReadOnlyList<ApiStreamSummary> Streams);

/// <summary>
/// One stream: newest candle, last signal, paper account and the node that runs it. The one stream summary of the API (the
/// stream list, one stream, a reset); <c>/api/v1/status</c> lists the same numbers under the names it has always had. The
/// signal and account are the stream's first strategy's; <c>strategies</c> has every strategy's, in configuration order.
/// </summary>
public sealed record ApiStreamSummary(
    string Symbol,
    string Interval,
    int Candles,
    decimal? LastClose,
    ApiLastCandle? LastCandle,
    string? LastSignal,
    decimal Position,
    decimal Cash,
    decimal Equity,
    decimal StartingBalance,
    decimal PnlPercent,
    int Fills,
    long RejectedUpdates,
    long? LastUpdate,
    string? Owner,
    IReadOnlyList<ApiStrategySummary> Strategies);

/// <summary>
/// One strategy on a stream: its name (what <c>strategy=</c> takes), its type, its paper account's equity and P&amp;L, its
/// fills since the last reset, its last signal on a closed candle, and its series on the newest candle (the open one's
/// preview while it is open) by name, null while warming up.
/// </summary>
public sealed record ApiStrategySummary(
    string Name,
    string? Type,
    decimal Equity,
    decimal PnlPercent,
    int Fills,
    string? Signal,
    IReadOnlyDictionary<string, double?> Series);

/// <summary>The stream's newest candle, open or closed.</summary>
public sealed record ApiLastCandle(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, bool Closed);

/// <summary>
/// A candle with a strategy's view of it: its series by name (<c>series</c>; <c>ma_fast</c>, <c>ma_slow</c> and <c>rsi</c>
/// for the seed's crossover + RSI only, else null), the signal and what the paper account did (<c>action</c>: BUY or SELL
/// when it filled on this candle, else HOLD). While a candle is open (<c>closed</c> false, event streams only) the series
/// are a preview and <c>signal</c> and <c>action</c> are null.
/// </summary>
public sealed record ApiCandle(
    long OpenTime,
    long CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    bool Closed,
    double? MaFast,
    double? MaSlow,
    double? Rsi,
    string? Signal,
    string? Action,
    IReadOnlyDictionary<string, double?> Series);

/// <summary>
/// The newest <c>limit</c> closed candles opening in [<c>from</c>, <c>to</c>), oldest first. <c>before</c> is <c>to</c> when
/// the request named it so (the old history route's name), else null. <c>more</c> is false once nothing older in the range
/// is known; page back by passing the first candle's <c>open_time</c> as the next <c>before</c> (or <c>to</c>).
/// <c>strategy</c> names the strategy whose view the candles carry.
/// </summary>
public sealed record ApiCandlePage(
    string Symbol,
    string Interval,
    string Strategy,
    long? From,
    long? To,
    long? Before,
    int Limit,
    bool More,
    IReadOnlyList<ApiCandle> Candles);

/// <summary>A BUY or SELL the strategy gave on a closed candle, what the account did with it, and the strategy's series there.</summary>
public sealed record ApiSignal(long OpenTime, string Signal, string Action, decimal Close, double? MaFast, double? MaSlow, double? Rsi,
    IReadOnlyDictionary<string, double?> Series);

/// <summary>One paper trade, filled at its candle's close (at most one per candle).</summary>
public sealed record ApiFill(
    long OpenTime,
    string Side,
    decimal Price,
    decimal Quantity,
    decimal Fee,
    string Reason,
    decimal CashAfter,
    decimal QuantityAfter);

/// <summary>A strategy's trading log on the stream, oldest first (since the last reset, at most the newest 1,000).</summary>
public sealed record ApiFillLog(string Symbol, string Interval, string Strategy, IReadOnlyList<ApiFill> Fills);

/// <summary>The account's value after one closed candle.</summary>
public sealed record ApiEquityPoint(long OpenTime, decimal Close, decimal Cash, decimal Quantity, decimal Equity);

/// <summary>A strategy's equity curve on the stream, oldest first (since the last reset, as long as the candle buffer).</summary>
public sealed record ApiEquityCurve(string Symbol, string Interval, string Strategy, decimal StartingBalance, IReadOnlyList<ApiEquityPoint> Points);

/// <summary>
/// A stream as one strategy saw it at a past <c>time</c>: the closed candle containing that time (or the last before it,
/// across a gap), the strategy's series by name, signal and action on it, and the paper account right after it with its
/// newest fills up to it (at most 50, oldest first). <c>as_of</c> is the candle's open time; <c>position</c> is <c>LONG</c>
/// while the account holds coins, else <c>FLAT</c>. <c>account_as_of</c> is the open time of the candle the account was
/// recorded after (the candle's own, or an earlier one when the history lacks it), null when nothing was recorded by then.
/// </summary>
public sealed record ApiStreamAt(
    string Symbol,
    string Interval,
    string Strategy,
    long Time,
    long AsOf,
    ApiClosedCandle Candle,
    IReadOnlyDictionary<string, double?> Series,
    string Signal,
    string Action,
    string Position,
    decimal Cash,
    decimal Quantity,
    decimal Equity,
    decimal StartingBalance,
    long? AccountAsOf,
    IReadOnlyList<ApiFill> Fills);

/// <summary>A closed candle's times and prices.</summary>
public sealed record ApiClosedCandle(long OpenTime, long CloseTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);
