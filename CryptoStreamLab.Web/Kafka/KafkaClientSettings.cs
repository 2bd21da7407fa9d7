using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Web.Kafka;

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
        var level = ToLogLevel(message.Level);
        if (logger.IsEnabled(level))
            logger.Log(level, "librdkafka {Client} {Facility}: {Message}", message.Name, message.Facility, message.Message);
    }
}
