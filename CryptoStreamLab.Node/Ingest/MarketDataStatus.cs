namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// Live state of the running market-data source, shared by the source (writer) and /api/status, /health
/// (readers). Counters are lock-free; text fields are replaced whole. Never holds credentials: errors are
/// recorded from messages this code composes, not from request objects.
/// </summary>
public sealed class MarketDataStatus(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private long _messages;
    private long _published;
    private long _reconnects;
    private long _malformed;
    private long _lastMessageTicks;
    private volatile bool _connected;
    private string _source = "none";
    private string _state = "not started";
    private string? _lastError;
    private DateTimeOffset? _lastErrorTime;
    private DateTimeOffset? _connectedSince;

    public MarketDataStatus() : this(TimeProvider.System)
    {
    }

    public void SetSource(string source)
    {
        lock (_gate) _source = source;
    }

    /// <summary>A short human description of what the source is doing ("backfilling", "streaming"…).</summary>
    public void SetState(string state)
    {
        lock (_gate) _state = state;
    }

    public void SetConnected(bool connected)
    {
        lock (_gate)
        {
            if (connected && !_connected) _connectedSince = timeProvider.GetUtcNow();
            if (!connected) _connectedSince = null;
            _connected = connected;
        }
    }

    /// <summary>Any message received from the source (a kline, or a frame that turned out malformed).</summary>
    public void RecordMessage()
    {
        Interlocked.Increment(ref _messages);
        Volatile.Write(ref _lastMessageTicks, timeProvider.GetUtcNow().UtcTicks);
    }

    /// <summary>A candle handed to the publisher.</summary>
    public void RecordPublished() => Interlocked.Increment(ref _published);

    public void RecordReconnect() => Interlocked.Increment(ref _reconnects);

    public void RecordMalformed(string reason)
    {
        Interlocked.Increment(ref _malformed);
        RecordError(reason);
    }

    public void RecordError(string message)
    {
        lock (_gate)
        {
            _lastError = message;
            _lastErrorTime = timeProvider.GetUtcNow();
        }
    }

    public long Messages => Interlocked.Read(ref _messages);
    public long Published => Interlocked.Read(ref _published);
    public long Reconnects => Interlocked.Read(ref _reconnects);
    public long Malformed => Interlocked.Read(ref _malformed);
    public bool Connected => _connected;

    public DateTimeOffset? LastMessageTime
    {
        get
        {
            var ticks = Volatile.Read(ref _lastMessageTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public MarketDataStatusSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new MarketDataStatusSnapshot(
                _source, _state, _connected, _connectedSince, LastMessageTime, Messages, Published, Reconnects, Malformed,
                _lastError, _lastErrorTime);
        }
    }
}

/// <summary>A consistent copy of <see cref="MarketDataStatus"/> for /api/status.</summary>
public sealed record MarketDataStatusSnapshot(
    string Source,
    string State,
    bool Connected,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastMessageTime,
    long Messages,
    long Published,
    long Reconnects,
    long Malformed,
    string? LastError,
    DateTimeOffset? LastErrorTime);
