using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Cluster;

/// <summary>Announces this node on the state topic every <see cref="Interval"/>: its id, roles and the streams its engine runs.</summary>
public sealed class NodeHeartbeatService(KafkaStatePublisher publisher, StreamDirectory market, IOptions<NodeOptions> node, TimeProvider clock)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            publisher.Publish(new NodeHeartbeat(node.Value.EffectiveId, NodeOptions.Describe(node.Value.ParsedRoles),
                market.OwnedStreams().Select(key => key.Id).ToList(), clock.GetUtcNow().ToUnixTimeMilliseconds()));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
