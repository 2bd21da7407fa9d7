using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>
/// One stream's events for its event-stream clients. While it has clients it watches the stream: the engine's notification
/// only schedules work (the writer never waits for a client), and the work takes the stream's snapshot, turns what changed
/// since the last one into events (framed once) and queues them for every client. Updates that arrive while the work runs
/// are taken together, so a burst of open-candle updates may reach clients as its newest; closed candles, signals and fills
/// are never skipped. A joining client gets what the snapshot holds after its <c>Last-Event-ID</c> first, under the same
/// lock, so nothing falls between the replay and the live events and nothing comes twice.
/// </summary>
internal sealed class StreamEventFeed(StreamDirectory market, StreamKey key, string strategy, ApiSeries series, Action<StreamKey> onDropped,
    ILogger logger)
{
    private readonly object _gate = new();
    private readonly List<EventClient> _clients = [];
    private IDisposable? _subscription;
    private StreamSnapshot? _snapshot;
    private EventPosition _position;
    private Candle? _lastOpen;
    private int _scheduled;

    public int ClientCount
    {
        get { lock (_gate) return _clients.Count; }
    }

    /// <param name="after">The client's <c>Last-Event-ID</c>; null starts at the newest candle.</param>
    /// <param name="queueCapacity">Events the client may have waiting when more come before it is dropped.</param>
    public EventClient Join(EventPosition? after, int queueCapacity)
    {
        lock (_gate)
        {
            if (_clients.Count == 0) Watch();
            var snapshot = _snapshot!;
            var replay = new List<ServerEvent>();
            StreamEvents.After(snapshot, after ?? StreamEvents.Joining(snapshot), replay, includeOpen: true, series);
            var client = new EventClient(queueCapacity, after ?? EventPosition.Start, Leave);
            foreach (var e in replay) client.Write(e);
            _clients.Add(client);
            return client;
        }
    }

    private void Leave(EventClient client)
    {
        lock (_gate)
        {
            if (_clients.Remove(client) && _clients.Count == 0) StopWatching();
        }
    }

    // Subscribe before the first snapshot, so a change in between is processed rather than lost.
    private void Watch()
    {
        _subscription = market.Subscribe(key, _ => Schedule());
        _snapshot = View();
        _position = StreamEvents.Newest(_snapshot);
        _lastOpen = StreamEvents.OpenPreview(_snapshot)?.Candle;
    }

    // On the engine's thread: hand the work to the thread pool, once however many changes come before it runs.
    private void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0) ThreadPool.UnsafeQueueUserWorkItem(static feed => feed.Process(), this, preferLocal: false);
    }

    private void Process()
    {
        Volatile.Write(ref _scheduled, 0);
        try
        {
            ProcessChange();
        }
        catch (Exception e)
        {
            // Never on the thread pool unhandled: the clients end and reconnect, resuming from their last event.
            logger.LogError(e, "The event stream of {Stream} failed; its clients are disconnected to resume.", key);
            lock (_gate)
            {
                foreach (var client in _clients) client.Drop();
                _clients.Clear();
                StopWatching();
            }
        }
    }

    private void ProcessChange()
    {
        lock (_gate)
        {
            if (_clients.Count == 0) return;
            var snapshot = View();
            if (ReferenceEquals(snapshot, _snapshot)) return;
            var events = new List<ServerEvent>();
            StreamEvents.After(snapshot, _position, events, includeOpen: false, series);
            var position = events.Count > 0 ? events[^1].Position : _position;
            if (StreamEvents.OpenPreview(snapshot) is { } open)
            {
                var openPosition = new EventPosition(open.Candle.OpenTime, EventPhase.Open);
                if (openPosition > position || (openPosition == position && open.Candle != _lastOpen))
                {
                    events.Add(StreamEvents.Candle(open, series));
                    position = openPosition;
                }
                _lastOpen = open.Candle;
            }
            _snapshot = snapshot;
            _position = position;
            if (events.Count > 0) Broadcast(events);
        }
    }

    private void Broadcast(List<ServerEvent> events)
    {
        for (var i = _clients.Count - 1; i >= 0; i--)
        {
            var client = _clients[i];
            if (client.IsBehind)
            {
                client.Drop();
                _clients.RemoveAt(i);
                onDropped(key);
                continue;
            }
            foreach (var e in events) client.Write(e);
        }
        if (_clients.Count == 0) StopWatching();
    }

    // The strategy's view; a stream nothing is known of yet has none (and no events).
    private StreamSnapshot View()
    {
        var snapshot = market.Snapshot(key);
        return snapshot.For(strategy) ?? snapshot;
    }

    private void StopWatching()
    {
        _subscription?.Dispose();
        _subscription = null;
        _snapshot = null;
    }
}
