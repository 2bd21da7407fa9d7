using System.Collections.Concurrent;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>
/// The event streams of every stream: one feed per (stream, strategy) that has clients, and how many clients were dropped for
/// falling behind.
/// </summary>
public sealed class StreamEventHub(StreamDirectory market, IOptions<ApiOptions> options, ILogger<StreamEventHub> logger)
{
    private readonly ConcurrentDictionary<(StreamKey, string), StreamEventFeed> _feeds = new();
    private long _dropped;

    /// <summary>Clients dropped because their queue was full (they may reconnect and resume).</summary>
    public long DroppedClients => Interlocked.Read(ref _dropped);

    /// <summary>Clients connected now, over every stream.</summary>
    public int ClientCount => _feeds.Values.Sum(feed => feed.ClientCount);

    /// <summary>
    /// A new client of <paramref name="key"/>'s events as <paramref name="strategy"/> (the stream's first when null) sees them,
    /// after <paramref name="after"/> (null: from the newest candle).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The strategy does not run on the stream.</exception>
    public EventClient Join(StreamKey key, EventPosition? after, string? strategy = null)
    {
        var view = StrategyView.Find(market, key, market.Snapshot(key), strategy)
            ?? throw new KeyNotFoundException($"{strategy} is not a strategy that runs on {key}.");
        return _feeds.GetOrAdd((key, view.Name), _ => new StreamEventFeed(market, key, view.Name, ApiSeries.Of(view), Dropped, logger))
            .Join(after, options.Value.ClientQueueCapacity);
    }

    private void Dropped(StreamKey key)
    {
        Interlocked.Increment(ref _dropped);
        logger.LogWarning("An event-stream client of {Stream} fell {Capacity} events behind and was dropped; it can reconnect with Last-Event-ID.",
            key, options.Value.ClientQueueCapacity);
    }
}
