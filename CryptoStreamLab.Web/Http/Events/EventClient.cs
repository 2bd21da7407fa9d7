using System.Threading.Channels;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>
/// One event-stream client's queue. A client whose queue already holds its capacity when new events come is dropped (its
/// queue completes after what it holds) rather than the engine waiting for it or the queue growing without bound; a burst
/// (many candles at once) still reaches a client that keeps up. Events the client has seen are skipped. Dispose to leave.
/// </summary>
public sealed class EventClient : IDisposable
{
    // Not single-reader: only the general unbounded channel can count what it holds.
    private readonly Channel<ServerEvent> _queue = Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleWriter = true });

    private readonly Action<EventClient> _leave;
    private EventPosition _seen;
    private int _left;

    internal EventClient(int capacity, EventPosition seen, Action<EventClient> leave)
    {
        Capacity = capacity;
        _seen = seen;
        _leave = leave;
    }

    public ChannelReader<ServerEvent> Reader => _queue.Reader;

    /// <summary>Events the client may have waiting before it is dropped.</summary>
    public int Capacity { get; }

    /// <summary>True once the client fell too far behind and was let go.</summary>
    public bool Dropped { get; private set; }

    /// <summary>True when the client has not taken its queued events: it is dropped rather than given more.</summary>
    internal bool IsBehind => _queue.Reader.Count >= Capacity;

    /// <summary>Queues an event the client has not seen yet. Called under the feed's lock only.</summary>
    internal void Write(ServerEvent e)
    {
        // An open candle's updates share one position; anything else at or before what the client has seen is a repeat.
        if (e.Position < _seen || (e.Position == _seen && e.Position.Phase != EventPhase.Open)) return;
        _queue.Writer.TryWrite(e);
        _seen = e.Position;
    }

    internal void Drop()
    {
        Dropped = true;
        _queue.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0) _leave(this);
    }
}
