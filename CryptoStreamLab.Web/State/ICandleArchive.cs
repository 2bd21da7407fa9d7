using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.State;

/// <summary>
/// Where every closed candle an engine commits goes for the long-term archive, once per stream and open time.
/// Called on the engine's thread under the stream's lock: it must only take the candle, never wait on a disk.
/// </summary>
public interface ICandleArchive
{
    void Add(in Candle candle);
}
