using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Bus;

/// <summary>Live counters of the Kafka backbone, written by the producer and consumer threads and read by status and health.</summary>
/// <param name="restore">Whether the consumer is still restoring; owned by <see cref="RestorePhase"/>, only read here.</param>
public sealed class KafkaStatus(RestorePhase restore)
{
    private long _statePublished, _stateApplied;
    private long _produced, _produceErrors, _consumed, _applied, _unchanged, _stale, _rejected, _unknownStream, _deadLettered, _deadLetterFailed, _lag, _offsetResets, _skipped, _publishWaits;
    private int _assignedPartitions;
    private volatile bool _connected;
    private volatile string _bootstrapServers = "";
    private volatile bool _embedded;
    private volatile string? _lastError;
    private volatile string? _deadLetterError;
    private volatile string? _lastSkip;

    public void SetEndpoint(string bootstrapServers, bool embedded)
    {
        _bootstrapServers = bootstrapServers;
        _embedded = embedded;
    }

    public void RecordProduced() => Interlocked.Increment(ref _produced);

    public void RecordProduceError(string reason)
    {
        Interlocked.Increment(ref _produceErrors);
        _lastError = reason;
    }

    public void RecordConsumed() => Interlocked.Increment(ref _consumed);

    /// <summary>A change of a stream this node owns reached the state topic.</summary>
    public void RecordStatePublished() => Interlocked.Increment(ref _statePublished);

    /// <summary>A change read from the state topic was applied to this node's view of its stream.</summary>
    public void RecordStateApplied() => Interlocked.Increment(ref _stateApplied);

    /// <summary>Counts what the stream state made of one valid candle.</summary>
    public void RecordOutcome(CandleApplyOutcome outcome)
    {
        switch (outcome)
        {
            case CandleApplyOutcome.Applied: Interlocked.Increment(ref _applied); break;
            case CandleApplyOutcome.Unchanged: Interlocked.Increment(ref _unchanged); break;
            case CandleApplyOutcome.Stale: Interlocked.Increment(ref _stale); break;
            case CandleApplyOutcome.Rejected: Interlocked.Increment(ref _rejected); break;
            default: Interlocked.Increment(ref _unknownStream); break;
        }
    }

    /// <summary>A rejected message's copy reached the dead-letter topic (the broker confirmed it).</summary>
    public void RecordDeadLettered() => Interlocked.Increment(ref _deadLettered);

    /// <summary>A rejected message's copy could not be written to the dead-letter topic; <paramref name="reason"/> says which and why.</summary>
    public void RecordDeadLetterFailed(string reason)
    {
        Interlocked.Increment(ref _deadLetterFailed);
        _deadLetterError = reason;
        _lastError = reason;
    }

    /// <summary>The consumer found <paramref name="skipped"/> messages gone before it read them (an offset reset).</summary>
    public void RecordSkipped(long skipped, string reason)
    {
        Interlocked.Increment(ref _offsetResets);
        Interlocked.Add(ref _skipped, skipped);
        _lastSkip = reason;
        _lastError = reason;
    }

    /// <summary>The candle publisher waited for the engines' group to commit before publishing more (Kafka:MaxUnconsumed).</summary>
    public void RecordPublishWait() => Interlocked.Increment(ref _publishWaits);

    public void SetLag(long lag) => Interlocked.Exchange(ref _lag, lag);

    public void SetAssignedPartitions(int count) => Interlocked.Exchange(ref _assignedPartitions, count);

    public void SetConnected(bool connected) => _connected = connected;

    public void RecordError(string reason) => _lastError = reason;

    /// <summary>
    /// An error librdkafka reported through a client's error callback. When no broker can be reached the status says so
    /// in words, since librdkafka's own text ("1/1 brokers are down") does not tell a reader what it means for the app.
    /// </summary>
    public void RecordClientError(Confluent.Kafka.ErrorCode code, string reason)
    {
        // Once every broker is down, the connection failures that follow ("Connect to … failed") are the same outage:
        // keep saying so in words rather than let the raw text replace it.
        if (code == Confluent.Kafka.ErrorCode.Local_AllBrokersDown || (code == Confluent.Kafka.ErrorCode.Local_Transport && !_connected))
        {
            _connected = false;
            _lastError = $"Kafka is unreachable: no broker at {_bootstrapServers} answers ({reason}); the producer keeps candles queued " +
                "and retries, the consumer resumes where it stopped once a broker is back";
            return;
        }
        _lastError = reason;
    }

    public bool Restoring => restore.Active;

    public KafkaStatusSnapshot Snapshot() => new(
        _bootstrapServers,
        _embedded,
        _connected,
        Interlocked.Read(ref _produced),
        Interlocked.Read(ref _produceErrors),
        Interlocked.Read(ref _consumed),
        Interlocked.Read(ref _applied),
        Interlocked.Read(ref _unchanged),
        Interlocked.Read(ref _stale),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _unknownStream),
        Interlocked.Read(ref _lag),
        Interlocked.Read(ref _deadLettered),
        Interlocked.Read(ref _deadLetterFailed),
        _deadLetterError,
        Volatile.Read(ref _assignedPartitions),
        Interlocked.Read(ref _statePublished),
        Interlocked.Read(ref _stateApplied),
        Restoring,
        Interlocked.Read(ref _offsetResets),
        Interlocked.Read(ref _skipped),
        _lastSkip,
        Interlocked.Read(ref _publishWaits),
        _lastError);
}

/// <summary>One consistent-enough reading of <see cref="KafkaStatus"/> for /api/status and the dashboard.</summary>
/// <param name="Applied">Valid candles that changed their stream.</param>
/// <param name="Unchanged">Valid candles their stream already had (a redelivery or a second ingest node's copy).</param>
/// <param name="Stale">Valid candles older than what their stream already applied (a second ingest node's late copy).</param>
/// <param name="Rejected">Valid candles that contradict a candle their stream already committed.</param>
/// <param name="UnknownStream">Valid candles of a symbol × interval the app does not follow.</param>
/// <param name="StatePublished">Changes of this node's own streams delivered to the state topic.</param>
/// <param name="StateApplied">Changes read from the state topic that updated this node's view of a stream.</param>
/// <param name="DeadLettered">Rejected messages whose copy the dead-letter topic confirmed.</param>
/// <param name="DeadLetterFailed">Rejected messages whose copy could not be written (skipped all the same); <paramref name="DeadLetterError"/> says the last one's why.</param>
/// <param name="OffsetResets">Times the consumer found messages gone before it read them; <paramref name="SkippedMessages"/> counts them, <paramref name="LastSkip"/> says where.</param>
/// <param name="PublishWaits">Times the candle publisher waited for the engines' group to catch up (Kafka:MaxUnconsumed).</param>
/// <param name="Lag">Messages on the assigned partitions not yet applied (high watermark minus position).</param>
public sealed record KafkaStatusSnapshot(
    string BootstrapServers,
    bool Embedded,
    bool Connected,
    long Produced,
    long ProduceErrors,
    long Consumed,
    long Applied,
    long Unchanged,
    long Stale,
    long Rejected,
    long UnknownStream,
    long Lag,
    long DeadLettered,
    long DeadLetterFailed,
    string? DeadLetterError,
    int AssignedPartitions,
    long StatePublished,
    long StateApplied,
    bool Restoring,
    long OffsetResets,
    long SkippedMessages,
    string? LastSkip,
    long PublishWaits,
    string? LastError);
