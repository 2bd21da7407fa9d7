using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>Sends a command to the engine that owns a stream (the commands topic).</summary>
public interface ICommandSink
{
    /// <summary>Resets <paramref name="strategy"/>'s account on the stream (every strategy's when null).</summary>
    void SendReset(StreamKey key, string? strategy = null);
}
