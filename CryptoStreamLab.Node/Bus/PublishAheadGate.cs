using Confluent.Kafka;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Keeps the candle publisher from running further ahead of the engines' consumer group than <see cref="Limit"/> messages on
/// any partition: the embedded broker keeps a bounded log per partition, and what a publisher writes past it is dropped before
/// the consumer reads it. Ahead = the highest delivered offset of a partition minus the group's committed offset there, plus
/// every message still in flight (counted against each partition, to be safe). Thread-safe; the checks on the publishing path
/// allocate nothing, only the wait asks the broker.
/// </summary>
internal sealed class PublishAheadGate(KafkaOptions options, Func<string> bootstrapServers, ILogger logger) : IDisposable
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LogAfter = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<int, long> _delivered = [];
    private readonly Dictionary<int, long> _committed = [];
    private long _inFlight, _maxAhead, _waits;
    private IConsumer<Ignore, Ignore>? _reader;
    private List<TopicPartition>? _partitions;

    /// <summary>The most messages a partition may hold that the group has not committed; 0 turns the gate off.</summary>
    public int Limit { get; } = options.EffectiveMaxUnconsumed;

    /// <summary>How many times publishing had to wait for the consumers.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    public void Producing()
    {
        if (Limit > 0) Interlocked.Increment(ref _inFlight);
    }

    public void Delivered(int partition, long offset)
    {
        if (Limit <= 0) return;
        Interlocked.Decrement(ref _inFlight);
        lock (_lock)
        {
            if (offset + 1 > _delivered.GetValueOrDefault(partition)) _delivered[partition] = offset + 1;
            var ahead = _delivered[partition] - _committed.GetValueOrDefault(partition);
            if (ahead > _maxAhead) _maxAhead = ahead;
        }
    }

    public void Failed()
    {
        if (Limit > 0) Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>Whether the next message would take a partition past the limit.</summary>
    public bool MustWait => Limit > 0 && Interlocked.Read(ref _inFlight) + Interlocked.Read(ref _maxAhead) >= Limit;

    /// <summary>Waits until the group has committed enough that publishing is within the limit again.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waits);
        var started = Environment.TickCount64;
        var logged = false;
        while (true)
        {
            await Task.Run(RefreshCommitted, cancellationToken).ConfigureAwait(false);
            if (!MustWait) return;
            if (!logged && Environment.TickCount64 - started > LogAfter.TotalMilliseconds)
            {
                logged = true;
                logger.LogWarning("Kafka: publishing to {Topic} waits for group {Group}: a partition holds {Limit} messages it has not " +
                    "committed (Kafka:MaxUnconsumed), more would not be kept by the broker until read", options.Topic, options.GroupId, Limit);
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private void RefreshCommitted()
    {
        try
        {
            _reader ??= new ConsumerBuilder<Ignore, Ignore>(KafkaClientSettings.Build<ConsumerConfig>(options, bootstrapServers(), consumer =>
            {
                consumer.GroupId = options.GroupId;
                consumer.EnableAutoCommit = false;
            })).SetLogHandler((_, message) => KafkaClientSettings.Log(logger, message)).Build();
            _partitions ??= KafkaClientSettings.PartitionsOf(_reader.Handle, options.Topic, BrokerTimeout)
                .Select(partition => new TopicPartition(options.Topic, partition)).ToList();
            var committed = _reader.Committed(_partitions, BrokerTimeout);
            lock (_lock)
            {
                foreach (var offset in committed)
                {
                    if (offset.Offset.Value >= 0) _committed[offset.Partition.Value] = offset.Offset.Value;
                }
                long max = 0;
                foreach (var (partition, delivered) in _delivered) max = Math.Max(max, delivered - _committed.GetValueOrDefault(partition));
                _maxAhead = max;
            }
        }
        catch (KafkaException e)
        {
            // Not known: keep waiting on what is known, and ask again.
            logger.LogDebug("Kafka: cannot read group {Group}'s committed offsets yet: {Reason}", options.GroupId, e.Error.Reason);
        }
    }

    public void Dispose() => _reader?.Dispose();
}
