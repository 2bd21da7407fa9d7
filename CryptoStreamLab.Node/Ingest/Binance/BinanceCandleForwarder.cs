using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest.Binance;

/// <summary>
/// Takes the Binance source's candles, from the socket and from REST backfills, to the publisher: each closed candle
/// once, nothing older than it afterwards, and remembers per stream where the next backfill starts.
/// </summary>
internal sealed class BinanceCandleForwarder(
    BinanceRestClient rest,
    IKlinePublisher publisher,
    MarketDataStatus status,
    TimeProvider timeProvider,
    IArchiveHorizon archive,
    ILogger logger)
{
    /// <summary>Open time of the last closed candle published per stream: the dedupe mark.</summary>
    private readonly Dictionary<StreamKey, long> _lastClosedOpenTime = [];

    /// <summary>
    /// Where the next backfill starts per stream: the candle after the last closed one, or, before any closed one,
    /// the first candle seen open (so a candle that closes during a drop is filled even with a zero look-back).
    /// </summary>
    private readonly Dictionary<StreamKey, long> _resumeFrom = [];

    /// <summary>
    /// Publishes closed candles the stream lacks, from its last closed candle to now; at start, from the look-back or,
    /// when later, the candle after the newest archived one (the engine has the rest from the archive).
    /// </summary>
    public async Task BackfillAsync(StreamKey stream, MarketDataOptions o, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var start = _resumeFrom.TryGetValue(stream, out var resume) ? resume : now - (long)o.BackfillLookback.TotalMilliseconds;
        if (!_resumeFrom.ContainsKey(stream) && archive.NewestArchived(stream) is { } archived)
            start = Math.Max(start, stream.Interval.NextOpenTime(archived));
        var published = 0;
        while (start <= now)
        {
            var page = await rest.GetKlinesAsync(stream.Symbol, stream.Interval, start, now, BinanceRestClient.MaxKlinesPerRequest, cancellationToken);
            foreach (var candle in page)
            {
                // A kline whose close time has not passed is the open one; the socket delivers its updates and close.
                if (candle.CloseTime >= now) break;
                if (await PublishAsync(candle with { IsClosed = true }, now, cancellationToken)) published++;
            }
            if (page.Count < BinanceRestClient.MaxKlinesPerRequest) break;
            start = stream.Interval.NextOpenTime(page[^1].OpenTime);
        }
        if (published > 0) logger.LogInformation("Backfilled {Count} closed candle(s) for {Stream}", published, stream);
    }

    /// <summary>
    /// Publishes unless the update belongs to a candle at or before the last closed one published for its stream:
    /// that is a duplicate (REST and socket overlap after a reconnect) or stale, and would rewrite history.
    /// </summary>
    public async ValueTask<bool> PublishAsync(Candle candle, long eventTime, CancellationToken cancellationToken)
    {
        var key = candle.Stream;
        if (_lastClosedOpenTime.TryGetValue(key, out var last) && candle.OpenTime <= last) return false;
        await publisher.PublishAsync(candle, eventTime, cancellationToken);
        if (candle.IsClosed)
        {
            _lastClosedOpenTime[key] = candle.OpenTime;
            _resumeFrom[key] = candle.Interval.NextOpenTime(candle.OpenTime);
        }
        else
        {
            _resumeFrom.TryAdd(key, candle.OpenTime);
        }
        status.RecordPublished();
        return true;
    }
}
