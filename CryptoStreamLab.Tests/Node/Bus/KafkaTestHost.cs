using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>The Kafka backbone as the app wires it, with a recording sink in place of the stream state.</summary>
public sealed class KafkaTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private bool _started;

    public KafkaTestHost(IDictionary<string, string?> settings, RecordingSink? sink = null)
    {
        Sink = sink ?? new RecordingSink();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<ICandleSink>(Sink);
        services.AddKafkaBackbone(configuration);
        _provider = services.BuildServiceProvider();
        _hosted = _provider.GetServices<IHostedService>().ToList();
        Status = _provider.GetRequiredService<KafkaStatus>();
        Restore = _provider.GetRequiredService<RestorePhase>();
        Sink.RestoringProbe ??= () => Status.Restoring;
    }

    /// <summary>A host on the fixture's broker with its own topic and group unless given.</summary>
    public static KafkaTestHost OnBroker(EmbeddedBrokerFixture fixture, string topic, string? group = null, RecordingSink? sink = null) =>
        new(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = fixture.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:GroupId"] = group ?? "group-" + topic,
            // The app shortens these itself on the embedded broker; pointed at it by address, it cannot tell.
            ["Kafka:Client:session.timeout.ms"] = "3000",
            ["Kafka:Client:heartbeat.interval.ms"] = "500",
        }, sink);

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingSink Sink { get; }

    public KafkaStatus Status { get; }

    public RestorePhase Restore { get; }

    public KafkaKlinePublisher Publisher => _provider.GetRequiredService<KafkaKlinePublisher>();

    public KafkaCluster Cluster => _provider.GetRequiredService<KafkaCluster>();

    public CandleConsumerService Consumer => _hosted.OfType<CandleConsumerService>().Single();

    public async Task StartAsync()
    {
        foreach (var service in _hosted) await service.StartAsync(CancellationToken.None);
        _started = true;
        await Eventually.WaitAsync(() => Status.Snapshot().AssignedPartitions > 0, TimeSpan.FromSeconds(15),
            () => "the consumer was never assigned a partition");
    }

    public async Task StopConsumerAsync() => await Consumer.StopAsync(CancellationToken.None);

    public async Task StartConsumerAsync() => await Consumer.StartAsync(CancellationToken.None);

    public async Task PublishAsync(IEnumerable<Candle> candles)
    {
        foreach (var candle in candles) await Publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        Publisher.Flush(TimeSpan.FromSeconds(10)).Should().Be(0, "every candle should reach the broker");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            for (var i = _hosted.Count - 1; i >= 0; i--) await _hosted[i].StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}
