using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// How far this node's candle archive reaches per stream: a starting source delivers only what comes after it, since
/// the engine rebuilds the rest from the archive.
/// </summary>
public interface IArchiveHorizon
{
    /// <summary>Open time of the stream's newest archived candle, or null when the archive holds none (or is off).</summary>
    long? NewestArchived(StreamKey key);
}

/// <summary>No archive on this node: sources deliver their whole look-back.</summary>
public sealed class NoArchiveHorizon : IArchiveHorizon
{
    public long? NewestArchived(StreamKey key) => null;
}
