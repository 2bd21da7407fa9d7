using Confluent.Kafka;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Resilience;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// A Kafka consumer on a thread of its own that never gives up: once the topics exist it consumes until stopped, and
/// after any failure it logs, backs off (<see cref="ReconnectBackoff"/>: 1 s doubling to 30 s, with jitter) and builds a new consumer. Client errors are counted in
/// <see cref="KafkaStatus"/> and logged at most every 10 s.
/// </summary>
public abstract class KafkaConsumerLoop(KafkaCluster cluster, KafkaStatus status, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly ReconnectBackoff _backoff = new(FirstRetryDelay, MaxRetryDelay);

    private readonly LogThrottle _errorLog = new(TimeSpan.FromSeconds(10));

    /// <summary>What the log calls this consumer, e.g. "Kafka consumer".</summary>
    protected abstract string Name { get; }

    protected KafkaCluster Cluster => cluster;

    protected KafkaStatus Status => status;

    /// <summary>Builds a consumer and reads with it until <paramref name="stoppingToken"/> fires; throws to be restarted.</summary>
    protected abstract void ConsumeUntilStopped(CancellationToken stoppingToken);

    /// <summary>Before the first consumer: e.g. say that the app is restoring.</summary>
    protected virtual void OnStarting()
    {
    }

    /// <summary>After the last consumer closed: e.g. deliver what is still queued.</summary>
    protected virtual void OnStopped()
    {
    }

    /// <summary>Consume blocks, so the loop gets a thread of its own rather than a thread-pool thread.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        OnStarting();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Exception? failure = null;
            try
            {
                if (cluster.EnsureTopicsAsync(stoppingToken).GetAwaiter().GetResult())
                {
                    failures = 0;
                    ConsumeUntilStopped(stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failure = e;
            }
            // Back off so a cluster that stays away does not fill the log.
            var retryDelay = _backoff.Next(failures++);
            if (failure is not null)
            {
                // Never give up on the stream: log, then rebuild the consumer.
                status.RecordError(failure.Message);
                logger.LogError(failure, "{Name} failed; restarting it in {Delay:0.#} s", Name, retryDelay.TotalSeconds);
            }
            stoppingToken.WaitHandle.WaitOne(retryDelay);
        }
        OnStopped();
    }

    /// <summary>
    /// Polls <paramref name="consumer"/> until stopped, handing every message to <paramref name="handle"/> and calling
    /// <paramref name="afterPoll"/> after each poll. A failed fetch (a deleted topic, a leader change) is reported and
    /// librdkafka recovers by itself; end-of-partition events are skipped.
    /// </summary>
    protected void ReadUntilStopped<TKey, TValue>(IConsumer<TKey, TValue> consumer, Action<ConsumeResult<TKey, TValue>> handle,
        CancellationToken stoppingToken, Action? afterPoll = null)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (consumer.Consume(PollTimeout) is { IsPartitionEOF: false } result) handle(result);
            }
            catch (ConsumeException e)
            {
                OnClientError(e.Error);
            }
            afterPoll?.Invoke();
        }
    }

    protected void OnClientError(Error error)
    {
        status.RecordClientError(error.Code, error.Reason);
        if (_errorLog.ShouldLog())
            logger.LogWarning("{Name}: {Code} {Reason} (repeats in the next {Seconds} s are not logged)", Name, error.Code, error.Reason,
                _errorLog.Interval.TotalSeconds);
    }
}
