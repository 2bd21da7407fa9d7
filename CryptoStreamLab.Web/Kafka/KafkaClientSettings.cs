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
