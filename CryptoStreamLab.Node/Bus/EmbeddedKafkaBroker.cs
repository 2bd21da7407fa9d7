using System.Runtime.InteropServices;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// librdkafka's mock Kafka cluster: a Kafka-protocol broker inside this process, listening on 127.0.0.1.
/// Its log lives in memory and is bounded per partition, so it is a transport, not a store: nothing
/// survives a restart. Any Kafka client (kcat included) can attach to <see cref="BootstrapServers"/>.
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    private readonly Lock _lock = new();
    private IntPtr _owner;
    private IntPtr _cluster;

    public EmbeddedKafkaBroker()
    {
        LibRdKafka.EnsureResolver();
        _owner = LibRdKafka.NewOwnerHandle();
        _cluster = LibRdKafka.rd_kafka_mock_cluster_new(_owner, 1);
        if (_cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(_owner);
            _owner = IntPtr.Zero;
            throw new InvalidOperationException("librdkafka could not start its mock cluster.");
        }
        // The default three-second wait for more group members is pointless for a single in-process consumer.
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("librdkafka's mock cluster reported no address.");
    }

    /// <summary>Address such as 127.0.0.1:45405, for clients and kcat.</summary>
    public string BootstrapServers { get; }

    public void CreateTopic(string topic, int partitions)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var error = LibRdKafka.rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
            if (error != 0)
                throw new InvalidOperationException($"The embedded broker could not create topic '{topic}' (librdkafka error {error}).");
        }
    }

    /// <summary>The mock cluster numbers its brokers from 1; this one has a single broker.</summary>
    private const int BrokerId = 1;

    /// <summary>
    /// Takes the broker off the network: its connections close and new ones are refused, while its log is kept. Clients
    /// see what they would see of a crashed or unreachable broker. For fault tests.
    /// </summary>
    internal void SetDown() => Fault("set down", cluster => LibRdKafka.rd_kafka_mock_broker_set_down(cluster, BrokerId));

    /// <summary>Lets clients connect again after <see cref="SetDown"/>.</summary>
    internal void SetUp() => Fault("set up", cluster => LibRdKafka.rd_kafka_mock_broker_set_up(cluster, BrokerId));

    /// <summary>Delays every broker response by <paramref name="roundTrip"/>, as a slow network would (zero restores it).</summary>
    internal void SetRoundTripTime(TimeSpan roundTrip) =>
        Fault("slowed", cluster => LibRdKafka.rd_kafka_mock_broker_set_rtt(cluster, BrokerId, (int)roundTrip.TotalMilliseconds));

    private void Fault(string what, Func<IntPtr, int> call)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var error = call(_cluster);
            if (error != 0) throw new InvalidOperationException($"The embedded broker could not be {what} (librdkafka error {error}).");
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster == IntPtr.Zero) return;
            LibRdKafka.rd_kafka_mock_cluster_destroy(_cluster);
            LibRdKafka.rd_kafka_destroy(_owner);
            _cluster = IntPtr.Zero;
            _owner = IntPtr.Zero;
        }
    }
}
