namespace CryptoStreamLab.Web.Http;

// The /api/v1 documents. Names are snake_case on the wire (ApiJsonContext), times are epoch milliseconds (UTC), prices
// and amounts are exact decimals written as JSON numbers, and an indicator still warming up is null (JSON has no NaN).

/// <summary>Every stream this node knows, configured ones first.</summary>
public sealed record ApiStreamList(IReadOnlyList<ApiStreamSummary> Streams);

/// <summary>
/// One stream: newest candle, last signal, paper account and the node that runs it. The one stream summary of the API (the
/// stream list, one stream, a reset); <c>/api/v1/status</c> lists the same numbers under the names it has always had.
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
    string? Owner);

/// <summary>The stream's newest candle, open or closed.</summary>
public sealed record ApiLastCandle(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, bool Closed);

/// <summary>
/// A candle with the strategy's view of it: moving averages, RSI, the signal and what the paper account did (<c>action</c>:
/// BUY or SELL when it filled on this candle, else HOLD). While a candle is open (<c>closed</c> false, event streams only) the
/// indicators are a preview and <c>signal</c> and <c>action</c> are null.
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
    string? Action);

/// <summary>
/// The newest <c>limit</c> closed candles opening in [<c>from</c>, <c>to</c>), oldest first. <c>before</c> is <c>to</c> when
/// the request named it so (the old history route's name), else null. <c>more</c> is false once nothing older in the range
/// is known; page back by passing the first candle's <c>open_time</c> as the next <c>before</c> (or <c>to</c>).
/// </summary>
public sealed record ApiCandlePage(
    string Symbol,
    string Interval,
    long? From,
    long? To,
    long? Before,
    int Limit,
    bool More,
    IReadOnlyList<ApiCandle> Candles);

/// <summary>A BUY or SELL the strategy gave on a closed candle, and what the account did with it.</summary>
public sealed record ApiSignal(long OpenTime, string Signal, string Action, decimal Close, double? MaFast, double? MaSlow, double? Rsi);

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

/// <summary>The stream's trading log, oldest first (since the last reset, at most the newest 1,000).</summary>
public sealed record ApiFillLog(string Symbol, string Interval, IReadOnlyList<ApiFill> Fills);

/// <summary>The account's value after one closed candle.</summary>
public sealed record ApiEquityPoint(long OpenTime, decimal Close, decimal Cash, decimal Quantity, decimal Equity);

/// <summary>The stream's equity curve, oldest first (since the last reset, as long as the candle buffer).</summary>
public sealed record ApiEquityCurve(string Symbol, string Interval, decimal StartingBalance, IReadOnlyList<ApiEquityPoint> Points);
