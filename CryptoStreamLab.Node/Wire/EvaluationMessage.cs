using System.Text.Json.Serialization;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// "evaluation": one change of an owned stream, a closed candle or the open one's <see cref="Preview"/>, with the
/// indicators (null until ready), the strategy's signal, what the account did, the fill if any and the account after it.
/// </summary>
public sealed record EvaluationMessage : StreamStateMessage
{
    /// <summary>The candle, in the candle topic's format without <c>eventTime</c>.</summary>
    [JsonPropertyOrder(10)]
    public required KlineMessage Candle { get; init; }

    /// <summary>The strategy's series values in the order it declares them, null where not ready (trailing nulls left out).</summary>
    [JsonPropertyOrder(11)]
    public double?[]? Series { get; init; }

    /// <summary>Read from messages of earlier versions (the seed's three series); no longer written.</summary>
    [JsonPropertyOrder(12)]
    public double? FastMa { get; init; }

    /// <summary>Read from messages of earlier versions; no longer written.</summary>
    [JsonPropertyOrder(13)]
    public double? SlowMa { get; init; }

    /// <summary>Read from messages of earlier versions; no longer written.</summary>
    [JsonPropertyOrder(13)]
    public double? Rsi { get; init; }

    /// <summary>Why the strategy decided what it did; absent when it gave no reason.</summary>
    [JsonPropertyOrder(21)]
    public string? Reason { get; init; }

    /// <summary>What the strategy says: BUY, SELL or HOLD.</summary>
    [JsonPropertyOrder(14)]
    public required string Signal { get; init; }

    /// <summary>What the account did: BUY, SELL or HOLD.</summary>
    [JsonPropertyOrder(15)]
    public required string Action { get; init; }

    /// <summary>True for the open candle's preview, which never trades.</summary>
    [JsonPropertyOrder(16)]
    public bool Preview { get; init; }

    [JsonPropertyOrder(17)]
    public FillMessage? Fill { get; init; }

    [JsonPropertyOrder(18)]
    public required decimal Cash { get; init; }

    [JsonPropertyOrder(19)]
    public required decimal Quantity { get; init; }

    [JsonPropertyOrder(20)]
    public required decimal Equity { get; init; }
}
