using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// The closed candles a stream's history spans: its oldest known candle and its newest closed one. A time from the first's
/// open to the last's close falls in a closed candle (or in a gap after one); anything else is outside the history.
/// </summary>
public readonly record struct HistorySpan(Candle First, Candle Last)
{
    public bool Contains(long time) => time >= First.OpenTime && time <= Last.CloseTime;
}

/// <summary>
/// A stream as one strategy saw it right after a closed candle: the candle, the strategy's series and signal on it, what the
/// account did there (<see cref="Action"/>), and the account after it with its newest fills up to it, oldest first.
/// <see cref="AccountAsOf"/> is the open time of the recorded candle the account comes from: the candle's own, an earlier
/// one when the history has not recorded this one (the cash and quantity then are those, valued at this candle's close), or
/// null when the history holds nothing by then (the account at its starting balance).
/// </summary>
public sealed record StreamMoment(
    StreamKey Key,
    string Strategy,
    long Time,
    Candle Candle,
    SeriesValues Series,
    Signal Signal,
    Signal Action,
    decimal Cash,
    decimal Quantity,
    decimal Equity,
    decimal StartingBalance,
    long? AccountAsOf,
    IReadOnlyList<Fill> Fills);

/// <summary>How a rewind ended.</summary>
public enum RewindOutcome
{
    /// <summary><see cref="RewindRead.Moment"/> holds the stream at the time.</summary>
    Found,

    /// <summary>The stream has no closed candle yet.</summary>
    NoHistory,

    /// <summary>The time is before the oldest known candle opened.</summary>
    BeforeHistory,

    /// <summary>The time is after the newest closed candle closed: the open candle or later is not history yet.</summary>
    AfterHistory,

    /// <summary>The archive or the account history could not be read (<see cref="RewindRead.Error"/> says why).</summary>
    Unavailable,
}

/// <summary>What a rewind found: the moment, or why not, with the span of the history when the time is outside it.</summary>
public sealed record RewindRead(RewindOutcome Outcome, StreamMoment? Moment = null, HistorySpan? Span = null, string? Error = null);
