using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>A change notification: which stream changed. Subscribers pull a consistent snapshot when they render.</summary>
public readonly record struct StreamChange(StreamKey Key);
