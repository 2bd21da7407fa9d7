using System.Runtime.CompilerServices;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>The replay source's view of Core's <see cref="KlineCsvReader"/>, the same reader the backtest uses.</summary>
internal sealed class KlineCsvFileReader : IKlineFileReader
{
    /// <summary>The reader is synchronous; a full-speed replay gives its thread back this often.</summary>
    private const int YieldEvery = 1024;

    public async IAsyncEnumerable<Candle> ReadAsync(
        string path, string symbol, KlineInterval interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var candle in KlineCsvReader.ReadFile(path, symbol, interval))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return candle;
            if (++count % YieldEvery == 0) await Task.Yield();
        }
    }
}
