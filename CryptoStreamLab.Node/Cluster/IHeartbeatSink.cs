namespace CryptoStreamLab.Node.Cluster;

/// <summary>Where the state consumer reports the heartbeats it reads: the cluster's registry of nodes.</summary>
public interface IHeartbeatSink
{
    void Record(NodeHeartbeat heartbeat, DateTimeOffset receivedAt);
}
