namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// The JSON value of one message on the commands topic (key = stream id): which command, for which stream (and strategy: every
/// strategy of the stream when absent), from whom.
/// </summary>
public sealed record CommandMessage(string Type, string Stream, string Node, string Id, long Time, string? Strategy = null);
