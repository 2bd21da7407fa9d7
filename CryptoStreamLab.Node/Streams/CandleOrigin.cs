namespace CryptoStreamLab.Node.Streams;

/// <summary>Where a candle was read from the candle topic; <see cref="None"/> for a change no candle caused (a reset).</summary>
public readonly record struct CandleOrigin(int Partition, long Offset)
{
    public static CandleOrigin None { get; } = new(-1, -1);
}
