using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Strategies;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// A stream as one strategy saw it at a past time: the closed candle containing the time (or the last before it, across a
/// gap), the series and signal the strategy's engine gave that candle, and the account after it. The engine is
/// deterministic, so the series and signal are computed again by <see cref="ArchiveLookback"/> over the warm-up window of
/// closed candles before the candle, nothing more; the account and its fills come from <see cref="IAccountHistory"/>. The
/// history spans the stream's oldest archived (or buffered) candle to its newest closed one; the cost of a rewind does not
/// depend on how far back it goes.
/// </summary>
public sealed class StreamRewind
{
    /// <summary>The most fills a moment carries: the newest up to the candle.</summary>
    public const int FillCount = 50;

    private readonly ArchiveLookback _lookback;
    private readonly CandleArchiveReader _archive;
    private readonly Func<StreamKey, IReadOnlyList<Candle>> _buffered;
    private readonly IAccountHistory _accounts;
    private readonly StrategyLineup _lineup;
    private readonly decimal _startingBalance;

    /// <param name="buffered">The stream's live buffer (its closed candles are history too).</param>
    /// <param name="startingBalance">An account's balance before it has recorded anything.</param>
    public StreamRewind(ArchiveLookback lookback, CandleArchiveReader archive, Func<StreamKey, IReadOnlyList<Candle>> buffered,
        IAccountHistory accounts, StrategyLineup lineup, decimal startingBalance)
    {
        _lookback = lookback;
        _archive = archive;
        _buffered = buffered;
        _accounts = accounts;
        _lineup = lineup;
        _startingBalance = startingBalance;
    }

    /// <summary>The app's: its archive folder (read whether or not this node writes it), its streams' buffers and lineup, and its ledger.</summary>
    public StreamRewind(ArchiveLookback lookback, CandleArchive archive, StreamDirectory market, IAccountHistory accounts,
        IOptions<TradingOptions> trading)
        : this(lookback, archive.Reader, key => market.Contains(key) ? market.Snapshot(key).Candles : [], accounts, market.Lineup,
            trading.Value.StartingBalance)
    {
    }

    /// <summary>
    /// <paramref name="key"/> as <paramref name="strategy"/> saw it right after the closed candle containing
    /// <paramref name="time"/> (epoch ms), or the last closed candle before it. Never throws for an unreadable archive or
    /// account history: the read says so.
    /// </summary>
    public async Task<RewindRead> AtAsync(StreamKey key, StrategySetup strategy, long time, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        // The newest closed candle is usually the buffer's: the archive is read for the span only when the time is past it,
        // or when nothing was found at or before the time (to name the history there is).
        var buffered = _buffered(key);
        if (NewestClosed(buffered) is not { } newest || time > newest.CloseTime)
        {
            var outside = await OutsideAsync(key, time, cancellation).ConfigureAwait(false);
            if (outside is not null) return outside;
        }

        var page = await _lookback.ReadAsync(key, strategy, time + 1, 1, cancellation).ConfigureAwait(false);
        if (page.Error is not null) return new RewindRead(RewindOutcome.Unavailable, Error: page.Error);
        if (page.Points is not [.., var point])
            return await OutsideAsync(key, time, cancellation).ConfigureAwait(false) ?? new RewindRead(RewindOutcome.BeforeHistory);

        // The live copy when the buffer still holds the candle: the same values, written as quoted (the archive's carry eight decimals).
        var candle = Find(buffered, point.Candle.OpenTime) ?? point.Candle;
        var ledgerId = _lineup.LedgerId(key, strategy);
        EquityPoint? recorded;
        IReadOnlyList<Fill> fills;
        try
        {
            recorded = _accounts.AsOf(ledgerId, candle.OpenTime);
            fills = _accounts.FillsUpTo(ledgerId, candle.OpenTime, FillCount);
        }
        catch (AccountHistoryException e)
        {
            return new RewindRead(RewindOutcome.Unavailable, Error: e.Message);
        }

        var (cash, quantity) = recorded is { } r ? (r.Cash, r.Quantity) : (_startingBalance, 0m);
        var equity = recorded is { } own && own.OpenTime == candle.OpenTime ? own.Equity : cash + quantity * candle.Close;
        var action = fills is [.., var last] && last.CandleOpenTime == candle.OpenTime
            ? last.Side == TradeSide.Buy ? Signal.Buy : Signal.Sell
            : Signal.Hold;
        return new RewindRead(RewindOutcome.Found, new StreamMoment(key, strategy.Name, time, candle, point.Series, point.Signal, action,
            cash, quantity, equity, _startingBalance, recorded?.OpenTime, fills));
    }

    /// <summary>Why <paramref name="time"/> is outside the stream's history, with its span; null when it is inside.</summary>
    private async Task<RewindRead?> OutsideAsync(StreamKey key, long time, CancellationToken cancellation)
    {
        HistorySpan? span;
        try
        {
            span = await SpanAsync(key, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RewindRead(RewindOutcome.Unavailable, Error: $"The archive could not be read: {e.Message}");
        }
        if (span is not { } history) return new RewindRead(RewindOutcome.NoHistory);
        if (time < history.First.OpenTime) return new RewindRead(RewindOutcome.BeforeHistory, Span: history);
        if (time > history.Last.CloseTime) return new RewindRead(RewindOutcome.AfterHistory, Span: history);
        return null;
    }

    /// <summary>The closed candle opening at <paramref name="openTime"/> in the buffer (in open-time order), or null.</summary>
    private static Candle? Find(IReadOnlyList<Candle> buffered, long openTime)
    {
        int low = 0, high = buffered.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var candle = buffered[middle];
            if (candle.OpenTime == openTime) return candle.IsClosed ? candle : null;
            if (candle.OpenTime < openTime) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    private static Candle? NewestClosed(IReadOnlyList<Candle> buffered)
    {
        for (var i = buffered.Count - 1; i >= 0; i--)
        {
            if (buffered[i].IsClosed) return buffered[i];
        }
        return null;
    }

    /// <summary>The oldest known candle and the newest closed one, from the archive and the live buffer; null when there is none.</summary>
    public async Task<HistorySpan?> SpanAsync(StreamKey key, CancellationToken cancellation = default)
    {
        var oldest = await _archive.ReadOldestAsync(key, cancellation).ConfigureAwait(false);
        var newest = await _archive.ReadNewestAsync(key, 1, cancellation: cancellation).ConfigureAwait(false) is [var n] ? n : (Candle?)null;
        foreach (var candle in _buffered(key))
        {
            if (!candle.IsClosed) continue;
            if (oldest is null || candle.OpenTime < oldest.Value.OpenTime) oldest = candle;
            if (newest is null || candle.OpenTime > newest.Value.OpenTime) newest = candle;
        }
        return oldest is { } first && newest is { } last ? new HistorySpan(first, last) : null;
    }
}
