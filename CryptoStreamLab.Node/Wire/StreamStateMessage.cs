using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>What an evaluation and a reset of one stream both carry: the stream, where its candle came from, and its account after the change.</summary>
public abstract record StreamStateMessage : StateMessage
{
    /// <summary>The stream id (SYMBOL-INTERVAL), equal to the message key.</summary>
    [JsonPropertyOrder(3)]
    public required string Stream { get; init; }

    /// <summary>The candle topic partition the change's candle was read from; -1 for a reset.</summary>
    [JsonPropertyOrder(4)]
    public int Partition { get; init; } = -1;

    /// <summary>The candle's offset in that partition; -1 for a reset.</summary>
    [JsonPropertyOrder(5)]
    public long Offset { get; init; } = -1;

    /// <summary>The strategy whose account this is; absent in messages from before strategies were named (the stream's first).</summary>
    [JsonPropertyOrder(6)]
    public string? Strategy { get; init; }

    [JsonPropertyOrder(30)]
    public required AccountMessage Account { get; init; }

    [JsonPropertyOrder(31)]
    public required decimal StartingBalance { get; init; }

    /// <summary>State updates the owner has refused so far.</summary>
    [JsonPropertyOrder(32)]
    public long Rejected { get; init; }

    /// <summary>For a reset, the newest candle's open time: candles up to it never trade again.</summary>
    [JsonPropertyOrder(33)]
    public long AsOf { get; init; } = long.MinValue;
}
