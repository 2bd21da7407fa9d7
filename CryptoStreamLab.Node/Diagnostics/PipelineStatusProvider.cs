using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;

namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>The feed's and the broker's status in the one shape the dashboard shows.</summary>
public sealed class PipelineStatusProvider(MarketDataStatus source, KafkaStatus kafka) : IPipelineStatusProvider
{
    public PipelineStatus Current
    {
        get
        {
            var s = source.Snapshot();
            var k = kafka.Snapshot();
            return new PipelineStatus(s.Source, s.Connected, s.LastMessageTime, s.Reconnects, s.LastError, k.BootstrapServers, k.Embedded,
                k.Connected, k.Lag, k.DeadLettered, k.LastError, k.Restoring);
        }
    }
}
