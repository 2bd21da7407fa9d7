using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>Sends a command to the engine that owns a stream (the commands topic).</summary>
public interface ICommandSink
{
    void SendReset(StreamKey key);
}
