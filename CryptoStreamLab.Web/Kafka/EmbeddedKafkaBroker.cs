using System.Runtime.InteropServices;

namespace CryptoStreamLab.Web.Kafka;

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
