namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>What the dashboard shows about the feed and the broker. Contains no secrets.</summary>
public sealed record PipelineStatus(
    string SourceName,
    bool SourceConnected,
    DateTimeOffset? LastSourceMessage,
    long SourceReconnects,
    string? SourceError,
    string KafkaBootstrapServers,
    bool KafkaEmbedded,
    bool KafkaConnected,
    long KafkaLag,
    long DeadLettered,
    string? KafkaError,
    bool Restoring);

/// <summary>Gives the current <see cref="PipelineStatus"/>; cheap enough to call on every render.</summary>
public interface IPipelineStatusProvider
{
    PipelineStatus Current { get; }
}
