using CryptoStreamLab.Node.Bus;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>One embedded broker per test class; each test takes its own topic and group on it.</summary>
public sealed class EmbeddedBrokerFixture : IDisposable
{
    private int _next;

    public EmbeddedKafkaBroker Broker { get; } = new();

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>A fresh topic and the app's topics beside it (dead-letter, state, commands), with three partitions each.</summary>
    public string NewTopic(int partitions = 3)
    {
        var topic = $"candles-{Guid.NewGuid():N}-{Interlocked.Increment(ref _next)}";
        // The embedded broker has no controller, so the app cannot create them itself when attached by address.
        foreach (var name in new KafkaOptions { Topic = topic }.Topics) Broker.CreateTopic(name, partitions);
        return topic;
    }

    public void Dispose() => Broker.Dispose();
}
