using Confluent.Kafka;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>Builds librdkafka configurations the same way for every client the app creates.</summary>
internal static class KafkaClientSettings
{
    /// <summary>
    /// Our tuning first, then the operator's Kafka:Client settings (so they can retune it), then the settings
    /// the app's guarantees depend on, which the validator already forbids in Client.
    /// </summary>
    public static T Build<T>(KafkaOptions options, string bootstrapServers, Action<T>? tuning = null)
        where T : ClientConfig, new()
    {
        var config = new T
        {
            // Candles are tiny and latency matters; Nagle would hold them back on every hop.
            SocketNagleDisable = true,
        };
        tuning?.Invoke(config);
        foreach (var (key, value) in options.Client) config.Set(key, value);
        config.BootstrapServers = bootstrapServers;
        return config;
    }

    /// <summary>
    /// A consumer-group member that stores offsets by hand once their message is applied (never automatically on
    /// receipt) and lets librdkafka commit the stored ones in the background: at-least-once, without a synchronous
    /// commit on the consume thread, which stalled live candles by up to a few hundred milliseconds on a busy machine.
    /// </summary>
    public static ConsumerConfig GroupMember(KafkaOptions options, KafkaCluster cluster, string groupId, int commitIntervalMs)
    {
        var config = Build<ConsumerConfig>(options, cluster.BootstrapServers, consumer =>
        {
            consumer.AutoOffsetReset = AutoOffsetReset.Earliest;
            // Headers carry the schema version; the topic name and timestamps are known or unused, so skip copying them.
            consumer.ConsumeResultFields = "headers";
            if (cluster.IsEmbedded)
            {
                // The embedded broker keeps a group that lost its last member waiting for it until the session
                // timeout runs out, so a restarted consumer would sit idle for most of the default 45 s.
                consumer.SessionTimeoutMs = 3_000;
                consumer.HeartbeatIntervalMs = 500;
                // It also answers an empty fetch only when the wait runs out, not when data arrives (a real broker
                // does), so the default 500 ms wait would be added to every live candle's latency.
                consumer.FetchWaitMaxMs = 5;
            }
        });
        config.GroupId = groupId;
        config.EnableAutoOffsetStore = false;
        config.EnableAutoCommit = true;
        config.AutoCommitIntervalMs = commitIntervalMs;
        return config;
    }

    /// <summary>
    /// Small messages that should not wait long for company (2 ms); under a burst the queue backs up and batches fill
    /// anyway. Only success or failure and the key (the reference handed to the producer, not a copy: the state publisher's
    /// delivery-latency metric matches reports to messages by it) come back with a delivery, which saves copying value and headers.
    /// </summary>
    public static void LowLatencyBatches(ProducerConfig producer)
    {
        producer.CompressionType = CompressionType.Lz4;
        producer.LingerMs = 2;
        producer.DeliveryReportFields = "key,status";
    }

    /// <summary>
    /// An idempotent producer that waits for every in-sync replica (a retry never writes a message twice), logging
    /// through <paramref name="logger"/> and reporting client errors to <paramref name="onError"/>.
    /// </summary>
    public static IProducer<TKey, TValue> IdempotentProducer<TKey, TValue>(KafkaOptions options, string bootstrapServers, ILogger logger,
        Action<Error> onError, Action<ProducerConfig>? tuning = null)
    {
        var config = Build(options, bootstrapServers, tuning);
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        return new ProducerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, message) => Log(logger, message))
            .SetErrorHandler((_, error) => onError(error))
            .Build();
    }

    /// <summary>
    /// A consumer that reads partitions it assigns itself rather than as a group member: it commits nothing, and the
    /// group id only names the client (<paramref name="purpose"/> plus a unique suffix).
    /// </summary>
    public static IConsumer<string?, byte[]?> Reader(KafkaOptions options, KafkaCluster cluster, string purpose, ILogger logger, Action<Error> onError)
    {
        var config = Build<ConsumerConfig>(options, cluster.BootstrapServers, consumer =>
        {
            // Timestamps too: the state → replica latency metric reads them.
            consumer.ConsumeResultFields = "headers,timestamp";
            // The embedded broker answers an empty fetch only when the wait runs out (see GroupMember).
            if (cluster.IsEmbedded) consumer.FetchWaitMaxMs = 5;
        });
        config.GroupId = $"{options.GroupId}.{purpose}.{Guid.NewGuid():N}";
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        return new ConsumerBuilder<string?, byte[]?>(config)
            .SetLogHandler((_, message) => Log(logger, message))
            .SetErrorHandler((_, error) => onError(error))
            .Build();
    }

    /// <summary>The partition numbers of <paramref name="topic"/>, asked of the cluster through an existing client's connection.</summary>
    public static List<int> PartitionsOf(Handle client, string topic, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(client).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.Single();
        if (metadata.Error.IsError) throw new KafkaException(metadata.Error);
        return metadata.Partitions.Select(partition => partition.PartitionId).Order().ToList();
    }

    internal static bool IsSharedSettingIgnored(LogMessage message) =>
        message.Facility == "CONFWARN" && message.Message.Contains("property and will be ignored by this", StringComparison.Ordinal);

    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>Routes librdkafka's own log lines to the app's logger instead of stderr.</summary>
    public static void Log(ILogger logger, LogMessage message)
    {
        // Kafka:Client settings go to every client, so a consumer setting reaches the producers too and librdkafka says
        // each time that it ignores it there: expected, so not a warning.
        var level = IsSharedSettingIgnored(message) ? LogLevel.Debug : ToLogLevel(message.Level);
        if (logger.IsEnabled(level))
            logger.Log(level, "librdkafka {Client} {Facility}: {Message}", message.Name, message.Facility, message.Message);
    }
}
