using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Streams;

/// <summary>Where a candle was read from the candle topic; <see cref="None"/> for a change no candle caused (a reset).</summary>
public readonly record struct CandleOrigin(int Partition, long Offset)
{
    public static CandleOrigin None { get; } = new(-1, -1);
}

/// <summary>
/// One change of a stream as its owning engine publishes it for every other node: an evaluation (a closed candle or
/// the open one's preview) with the account after it, or a reset of the account.
/// </summary>
/// <param name="Node">The id of the node whose engine owned the stream.</param>
/// <param name="Origin">The candle's place in the candle topic, so a new owner knows what was already reflected.</param>
/// <param name="Evaluation">The evaluation, or null for a reset.</param>
/// <param name="AsOfOpenTime">For a reset, the newest candle's open time: candles up to it never trade again.</param>
/// <param name="Time">When the owner published it (epoch ms).</param>
public sealed record StateUpdate(
    StreamKey Key,
    string Node,
    CandleOrigin Origin,
    Evaluation? Evaluation,
    AccountState Account,
    decimal StartingBalance,
    long RejectedUpdates,
    long AsOfOpenTime,
    long Time)
{
    public bool IsReset => Evaluation is null;
}

/// <summary>A node's periodic announcement of itself: its roles and the streams its engine owns.</summary>
public sealed record NodeHeartbeat(string Node, string Roles, IReadOnlyList<string> Streams, long Time);

/// <summary>Where the state consumer reports the heartbeats it reads: the cluster's registry of nodes.</summary>
public interface IHeartbeatSink
{
    void Record(NodeHeartbeat heartbeat, DateTimeOffset receivedAt);
}
