using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Support;

/// <summary>
/// Another node's engine on a running app's broker: it runs <paramref name="stream"/> and publishes its changes to the state
/// topic signed with the cluster's key, as a second engine process would. A node skips its own changes when it reads the
/// state topic, so what its replicas (and the state-to-replica stage) see comes from engines like this one.
/// </summary>
internal sealed class AnotherEngine : IDisposable
{
    private readonly KafkaStatePublisher _publisher;
    private readonly StreamDirectory _engine;
    private long _offset;

    public AnotherEngine(IServiceProvider app, StreamKey stream, string node = "another-engine")
    {
        _publisher = new KafkaStatePublisher(app.GetRequiredService<KafkaCluster>(), app.GetRequiredService<IOptions<KafkaOptions>>(),
            app.GetRequiredService<ClusterKey>(), new StateOrigin(), new KafkaStatus(new RestorePhase()), NullLogger<KafkaStatePublisher>.Instance);
        _engine = new StreamDirectory([stream], new EngineSettings(new(), new()), publication: new StatePublication(_publisher, node));
    }

    /// <summary>Applies the candles (as if from partition 0) and waits until their changes are delivered.</summary>
    public void Apply(IEnumerable<Candle> candles)
    {
        foreach (var candle in candles) _engine.Apply(candle, origin: new CandleOrigin(0, _offset++));
        _publisher.Flush(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _publisher.Dispose();
}
