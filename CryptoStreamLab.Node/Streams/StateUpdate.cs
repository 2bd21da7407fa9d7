using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One change of a stream as its owning engine publishes it for every other node: an evaluation (a closed candle or
/// the open one's preview) with the account after it, or a reset of the account.
/// </summary>
/// <param name="Node">The id of the node whose engine owned the stream.</param>
/// <param name="Origin">The candle's place in the candle topic, so a new owner knows what was already reflected.</param>
/// <param name="Evaluation">The evaluation, or null for a reset.</param>
/// <param name="AsOfOpenTime">For a reset, the newest candle's open time: candles up to it never trade again.</param>
/// <param name="Time">When the owner published it (epoch ms).</param>
/// <param name="Strategy">The strategy whose account it is; null in messages from before strategies were named (the stream's first).</param>
public sealed record StateUpdate(
    StreamKey Key,
    string Node,
    CandleOrigin Origin,
    Evaluation? Evaluation,
    AccountState Account,
    decimal StartingBalance,
    long RejectedUpdates,
    long AsOfOpenTime,
    long Time,
    string? Strategy = null)
{
    public bool IsReset => Evaluation is null;
}
