using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// The stream page's figures at a past time: <see cref="StreamRewind"/>'s moment as a frozen <see cref="StreamSnapshot"/>
/// (the cards, trading log and charts draw it as they draw the live one), its candles the window before the moment with the
/// strategy's series from <see cref="ArchiveLookback"/>; or the message saying why there is none.
/// </summary>
public sealed record RewoundView(long At, StreamSnapshot? Snapshot, string? Error)
{
    /// <summary>The stream as <paramref name="view"/>'s strategy saw it at <paramref name="at"/> (epoch ms), with up to <paramref name="candles"/> candles.</summary>
    public static async Task<RewoundView> ReadAsync(StreamRewind rewind, ArchiveLookback? lookback, StrategyView view, StreamKey key,
        long at, int candles, CancellationToken cancellation = default)
    {
        if (view.Setup is not { } setup) return new(at, null, $"'{view.Name}' is not configured on this node, which cannot compute its series.");
        var read = await rewind.AtAsync(key, setup, at, cancellation);
        if (read.Moment is not { } moment) return new(at, null, Message(key, at, read));

        var end = moment.Candle.OpenTime;
        var window = lookback is null ? [] : (await lookback.ReadAsync(key, setup, end, Math.Min(candles, ArchiveLookback.MaxCount) - 1, cancellation)).Points;
        var evaluations = window
            .Select(p => new Evaluation(p.Candle, p.Series, p.Signal, Signal.Hold, null, 0, 0, 0, IsPreview: false))
            .Append(new Evaluation(moment.Candle, moment.Series, moment.Signal, moment.Action, null, moment.Cash, moment.Quantity, moment.Equity, IsPreview: false))
            .ToList();
        var account = new AccountState(moment.Cash, moment.Quantity, 0, 0, moment.Fills.Count);
        var snapshot = new StreamSnapshot(key, end, evaluations.Select(e => e.Candle).ToList(), evaluations, evaluations[^1], moment.Fills, [],
            account, moment.StartingBalance, 0, DateTimeOffset.FromUnixTimeMilliseconds(moment.Candle.CloseTime), view.Name, view.Series);
        return new(at, snapshot, null);
    }

    /// <summary>A time as the address carries it: 2026-02-03T10:00Z, with seconds and milliseconds only when there are any.</summary>
    public static string QueryForm(long at) => at % 60_000 == 0
        ? DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : TimeWindow.FormatTime(at);

    /// <summary>Why there is no moment at <paramref name="at"/>, naming the history there is.</summary>
    private static string Message(StreamKey key, long at, RewindRead read)
    {
        if (read.Error is { } error) return error;
        if (read.Span is not { } span) return $"{key} has no closed candle yet: there is no history to go back to.";
        var where = read.Outcome == RewindOutcome.AfterHistory
            ? "after the stream's newest closed candle (the open candle and later are not history yet)"
            : "before the stream's history";
        return $"{TimeWindow.FormatTime(at)} is {where}: {key} has closed candles from {TimeWindow.FormatTime(span.First.OpenTime)} " +
            $"to {TimeWindow.FormatTime(span.Last.CloseTime)}.";
    }
}
