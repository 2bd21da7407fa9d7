using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// The long-term archive of closed candles, as the engines see it: where each closed candle they commit goes, once per
/// stream and open time, and where a stream's newest candles come from when its engine starts.
/// </summary>
public interface ICandleArchive
{
    /// <summary>
    /// The stream's newest archived candles, at most <paramref name="count"/>, oldest first (those still waiting to be
    /// written included). Empty when the archive holds none or cannot be read.
    /// </summary>
    IReadOnlyList<Candle> Newest(StreamKey key, int count);

    /// <summary>Called on the engine's thread under the stream's lock: it must only take the candle, never wait on a disk.</summary>
    void Add(in Candle candle);
}
