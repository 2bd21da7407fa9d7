using Confluent.Kafka;
using Confluent.Kafka.Admin;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Where Kafka is: the embedded in-process broker when Kafka:BootstrapServers is empty, the configured cluster
/// otherwise. Registered as the first Kafka hosted service so the broker and topics exist before the consumer starts;
/// the producer may ask earlier (another hosted service publishing at start) and then starts it itself.
/// </summary>
public sealed class KafkaCluster : IHostedService, IDisposable
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options;
    private readonly KafkaStatus _status;
    private readonly ILogger<KafkaCluster> _logger;
    private readonly Lock _lock = new();
    private EmbeddedKafkaBroker? _broker;
    private string? _bootstrapServers;
    private IAdminClient? _admin;
    private volatile bool _topicsReady;

    public KafkaCluster(IOptions<KafkaOptions> options, KafkaStatus status, ILogger<KafkaCluster> logger)
    {
        _options = options.Value;
        _status = status;
        _logger = logger;
    }

    public bool IsEmbedded => _options.IsEmbedded;

    public string BootstrapServers => EnsureStarted();

    /// <summary>The in-process broker, for fault tests; null against a real cluster.</summary>
    internal EmbeddedKafkaBroker? EmbeddedBroker
    {
        get
        {
            EnsureStarted();
            return _broker;
        }
    }

    /// <summary>Shared admin client for topic creation and health probes (thread-safe in Confluent.Kafka).</summary>
    public IAdminClient Admin
    {
        get
        {
            var bootstrap = EnsureStarted();
            lock (_lock)
            {
                return _admin ??= new AdminClientBuilder(KafkaClientSettings.Build<AdminClientConfig>(_options, bootstrap))
                    .SetLogHandler((_, message) => KafkaClientSettings.Log(_logger, message))
                    .Build();
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        // A remote cluster that is down must not stop the dashboard from starting; the consumer keeps retrying.
        return IsEmbedded ? Task.CompletedTask : EnsureTopicsAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string EnsureStarted()
    {
        if (_bootstrapServers is { } known) return known;
        lock (_lock)
        {
            if (_bootstrapServers is { } raced) return raced;
            if (IsEmbedded)
            {
                _broker = new EmbeddedKafkaBroker();
                foreach (var topic in _options.Topics) _broker.CreateTopic(topic, _options.Partitions);
                _topicsReady = true;
                _logger.LogInformation(
                    "Kafka: embedded in-process broker at {BootstrapServers} with topics {Topics} " +
                    "({Partitions} partitions). It keeps messages in memory only and bounded per partition: nothing survives a " +
                    "restart. Other clients can attach, e.g. kcat -b {BootstrapServers} -t {Topic} -C",
                    _broker.BootstrapServers, string.Join(", ", _options.Topics), _options.Partitions,
                    _broker.BootstrapServers, _options.Topic);
                _bootstrapServers = _broker.BootstrapServers;
            }
            else
            {
                _logger.LogInformation("Kafka: cluster at {BootstrapServers}, topic {Topic}, client settings {ClientSettings}",
                    _options.BootstrapServers, _options.Topic, _options.DescribeClientSettings());
                _bootstrapServers = _options.BootstrapServers;
            }
            _status.SetEndpoint(_bootstrapServers, IsEmbedded);
            return _bootstrapServers;
        }
    }

    /// <summary>Creates the candle, dead-letter, state and commands topics on a real cluster when they are missing.</summary>
    /// <returns>False when the cluster could not be reached or refused; the reason is logged and in the status.</returns>
    public async Task<bool> EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        if (_topicsReady) return true;
        try
        {
            var admin = Admin;
            var metadata = await Task.Run(() => admin.GetMetadata(AdminTimeout), cancellationToken).ConfigureAwait(false);
            var existing = metadata.Topics.Where(topic => !topic.Error.IsError).ToDictionary(topic => topic.Topic, StringComparer.Ordinal);
            var missing = new List<TopicSpecification>();
            foreach (var name in _options.Topics)
            {
                if (existing.TryGetValue(name, out var topic))
                {
                    if (topic.Partitions.Count < _options.Partitions)
                        _logger.LogWarning("Kafka: topic {Topic} has {Actual} partitions, fewer than the configured {Configured}; " +
                            "it is used as it is", name, topic.Partitions.Count, _options.Partitions);
                    continue;
                }
                // -1: the cluster's default replication factor, whatever the cluster size.
                missing.Add(new TopicSpecification { Name = name, NumPartitions = _options.Partitions, ReplicationFactor = -1 });
            }

            if (missing.Count > 0)
            {
                try
                {
                    await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = AdminTimeout }).ConfigureAwait(false);
                    _logger.LogInformation("Kafka: created topics {Topics}", string.Join(", ", missing.Select(topic => topic.Name)));
                }
                catch (CreateTopicsException e) when (e.Results.All(result =>
                    result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
                {
                    // Another instance created them first: that is the outcome we wanted.
                }
            }
            _topicsReady = true;
            _status.SetConnected(true);
            return true;
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _status.SetConnected(false);
            _status.RecordError(e.Message);
            _logger.LogWarning("Kafka: cannot prepare topics on {BootstrapServers} yet: {Reason}", _options.BootstrapServers, e.Message);
            return false;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _admin?.Dispose();
            _admin = null;
            _broker?.Dispose();
            _broker = null;
        }
    }
}
