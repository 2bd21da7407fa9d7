using Confluent.Kafka;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// Healthy when the cluster answers a metadata request for the topic; degraded while the consumer is still
/// restoring retained candles or once messages were skipped (gone before they were read); unhealthy when the cluster cannot be reached or the topic is missing.
/// </summary>
public sealed class KafkaHealthCheck(KafkaCluster cluster, KafkaStatus status, IOptions<KafkaOptions> options) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var topic = options.Value.Topic;
        string? problem;
        try
        {
            // GetMetadata blocks on the network; keep it off the request thread.
            var metadata = await Task.Run(() => cluster.Admin.GetMetadata(topic, MetadataTimeout), cancellationToken).ConfigureAwait(false);
            var topicMetadata = metadata.Topics.FirstOrDefault(candidate => candidate.Topic == topic);
            problem = topicMetadata is null || topicMetadata.Error.IsError
                ? $"topic {topic} is not available: {topicMetadata?.Error.Reason ?? "unknown topic"}"
                : null;
            status.SetConnected(true);
        }
        catch (KafkaException e)
        {
            // Name the address: librdkafka's reason for a failed metadata request is often just "Local: Timed out".
            problem = $"Kafka cannot be reached at {status.Snapshot().BootstrapServers}: {e.Error.Reason}";
            status.SetConnected(false);
            status.RecordError(problem);
        }

        var snapshot = status.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["bootstrapServers"] = snapshot.BootstrapServers,
            ["embedded"] = snapshot.Embedded,
            ["restoring"] = snapshot.Restoring,
            ["lag"] = snapshot.Lag,
            ["deadLettered"] = snapshot.DeadLettered,
            ["deadLetterFailed"] = snapshot.DeadLetterFailed,
            ["offsetResets"] = snapshot.OffsetResets,
            ["skippedMessages"] = snapshot.SkippedMessages,
        };
        if (problem is not null) return HealthCheckResult.Unhealthy(problem, data: data);
        if (snapshot.OffsetResets > 0)
            return HealthCheckResult.Degraded($"{snapshot.SkippedMessages} messages were skipped in {snapshot.OffsetResets} offset resets; last: {snapshot.LastSkip}",
                data: data);
        return snapshot.Restoring
            ? HealthCheckResult.Degraded("restoring retained candles", data: data)
            : HealthCheckResult.Healthy(snapshot.Embedded ? "embedded broker" : "connected", data);
    }
}
