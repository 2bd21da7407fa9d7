using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// The JSON value of one message on the state topic (key = stream id such as BTCUSDT-1m, or node:ID for a heartbeat).
/// <c>type</c> says which: "evaluation", "reset" or "node". Indicators that are not ready are null.
/// </summary>
public sealed record StateMessage
{
    public required string Type { get; init; }
    public required string Node { get; init; }
    public required long Time { get; init; }
    public string? Stream { get; init; }
    public int? Partition { get; init; }
    public long? Offset { get; init; }
    public KlineMessage? Candle { get; init; }
    public double? FastMa { get; init; }
    public double? SlowMa { get; init; }
    public double? Rsi { get; init; }
    public string? Signal { get; init; }
    public string? Action { get; init; }
    public bool? Preview { get; init; }
    public FillMessage? Fill { get; init; }
    public decimal? Cash { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Equity { get; init; }
    public AccountMessage? Account { get; init; }
    public decimal? StartingBalance { get; init; }
    public long? Rejected { get; init; }
    public long? AsOf { get; init; }
    public string? Roles { get; init; }
    public List<string>? Streams { get; init; }
}

public sealed record FillMessage(long OpenTime, string Side, decimal Price, decimal Quantity, decimal Fee, decimal CashAfter, decimal QuantityAfter, string Reason);

public sealed record AccountMessage(decimal Cash, decimal Quantity, decimal EntryPrice, decimal FeesPaid, int FillCount);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StateMessage))]
internal sealed partial class StateJsonContext : JsonSerializerContext;

/// <summary>Converts between <see cref="StateUpdate"/>/<see cref="NodeHeartbeat"/> and the state topic's messages, validating what it reads.</summary>
public static class StateCodec
{
    public const string EvaluationType = "evaluation", ResetType = "reset", NodeType = "node";

    public const string NodeKeyPrefix = "node:";

    public static byte[] Serialize(StateUpdate update) =>
        JsonSerializer.SerializeToUtf8Bytes(ToMessage(update), StateJsonContext.Default.StateMessage);

    public static byte[] Serialize(NodeHeartbeat heartbeat) => JsonSerializer.SerializeToUtf8Bytes(
        new StateMessage { Type = NodeType, Node = heartbeat.Node, Time = heartbeat.Time, Roles = heartbeat.Roles, Streams = [.. heartbeat.Streams] },
        StateJsonContext.Default.StateMessage);

    public static string KeyOf(NodeHeartbeat heartbeat) => NodeKeyPrefix + heartbeat.Node;

    private static StateMessage ToMessage(StateUpdate update)
    {
        var account = new AccountMessage(update.Account.Cash, update.Account.Quantity, update.Account.EntryPrice, update.Account.FeesPaid,
            update.Account.FillCount);
        var message = new StateMessage
        {
            Type = update.IsReset ? ResetType : EvaluationType,
            Node = update.Node,
            Time = update.Time,
            Stream = update.Key.Id,
            Partition = update.Origin.Partition,
            Offset = update.Origin.Offset,
            Account = account,
            StartingBalance = update.StartingBalance,
            Rejected = update.RejectedUpdates,
            AsOf = update.AsOfOpenTime,
        };
        if (update.Evaluation is not { } e) return message;
        return message with
        {
            Candle = KlineCodec.ToMessage(e.Candle, 0) with { EventTime = null },
            FastMa = Core.Finite.OrNull(e.FastMa),
            SlowMa = Core.Finite.OrNull(e.SlowMa),
            Rsi = Core.Finite.OrNull(e.Rsi),
            Signal = e.Signal.ToText(),
            Action = e.Action.ToText(),
            Preview = e.IsPreview,
            Fill = e.Fill is { } f
                ? new FillMessage(f.CandleOpenTime, f.Side == TradeSide.Buy ? "BUY" : "SELL", f.Price, f.Quantity, f.Fee, f.CashAfter, f.QuantityAfter, f.Reason.ToString())
                : null,
            Cash = e.Cash,
            Quantity = e.Quantity,
            Equity = e.Equity,
        };
    }

    /// <summary>Parses and validates one state-topic value: exactly one of <paramref name="update"/> and <paramref name="heartbeat"/> is set when it returns null.</summary>
    /// <returns>Null when the value is usable, otherwise why it is not.</returns>
    public static string? TryDeserialize(string? key, ReadOnlySpan<byte> value, int maxBytes, out StateUpdate? update, out NodeHeartbeat? heartbeat)
    {
        update = null;
        heartbeat = null;
        if (value.Length > maxBytes) return $"value is {value.Length} bytes, above the {maxBytes}-byte limit";
        StateMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(value, StateJsonContext.Default.StateMessage);
        }
        catch (JsonException e)
        {
            return "invalid JSON: " + e.Message;
        }
        if (message is null) return "value is null";
        if (string.IsNullOrWhiteSpace(message.Node)) return "node is missing";

        if (message.Type == NodeType)
        {
            if (key != NodeKeyPrefix + message.Node) return $"key '{key}' does not match node '{message.Node}'";
            heartbeat = new NodeHeartbeat(message.Node, message.Roles ?? "", message.Streams ?? [], message.Time);
            return null;
        }
        if (message.Type is not (EvaluationType or ResetType)) return $"unknown type '{message.Type}'";
        if (StreamKey.TryParseId(message.Stream) is not { } stream) return $"stream '{message.Stream}' is not SYMBOL-INTERVAL";
        if (key != message.Stream) return $"key '{key}' does not match stream '{message.Stream}'";
        if (message.Account is not { } a) return "account is missing";
        if (a.Cash < 0 || a.Quantity < 0 || a.FillCount < 0) return "account has a negative cash, quantity or fill count";
        if (message.StartingBalance is not > 0) return "startingBalance must be positive";
        var account = new AccountState(a.Cash, a.Quantity, a.EntryPrice, a.FeesPaid, a.FillCount);
        var origin = new CandleOrigin(message.Partition ?? -1, message.Offset ?? -1);
        var asOf = message.AsOf ?? long.MinValue;

        Evaluation? evaluation = null;
        if (message.Type == EvaluationType)
        {
            if (ToEvaluation(message, stream, out var parsed) is { } problem) return problem;
            evaluation = parsed;
        }
        update = new StateUpdate(stream, message.Node, origin, evaluation, account, message.StartingBalance.Value, message.Rejected ?? 0, asOf, message.Time);
        return null;
    }

    private static string? ToEvaluation(StateMessage message, StreamKey stream, out Evaluation evaluation)
    {
        evaluation = default;
        if (message.Candle is not { } k) return "candle is missing";
        if (KlineCodec.ToCandle(k, out var candle) is { } problem) return "candle: " + problem;
        if (candle.Stream != stream) return $"candle {candle.Stream} does not belong to stream {stream}";
        if (ParseSignal(message.Signal) is not { } signal) return $"signal '{message.Signal}' is not BUY, SELL or HOLD";
        if (ParseSignal(message.Action) is not { } action) return $"action '{message.Action}' is not BUY, SELL or HOLD";
        if (message.Cash is not { } cash || message.Quantity is not { } quantity || message.Equity is not { } equity)
            return "cash, quantity and equity are required";
        if (message.Rsi is < 0 or > 100) return $"rsi {message.Rsi} is outside 0–100";
        Fill? fill = null;
        if (message.Fill is { } f)
        {
            if (f.Side is not ("BUY" or "SELL")) return $"fill side '{f.Side}' is not BUY or SELL";
            if (!Enum.TryParse<FillReason>(f.Reason, out var reason)) return $"fill reason '{f.Reason}' is unknown";
            if (f.OpenTime != candle.OpenTime) return "the fill is not on the message's candle";
            if (f.Price <= 0 || f.Quantity <= 0 || f.Fee < 0) return "the fill's price and quantity must be positive and its fee not negative";
            fill = new Fill(f.OpenTime, f.Side == "BUY" ? TradeSide.Buy : TradeSide.Sell, f.Price, f.Quantity, f.Fee, f.CashAfter, f.QuantityAfter, reason);
        }
        evaluation = new Evaluation(candle, message.FastMa ?? double.NaN, message.SlowMa ?? double.NaN, message.Rsi ?? double.NaN, signal, action,
            fill, cash, quantity, equity, message.Preview ?? false);
        return null;
    }

    private static Signal? ParseSignal(string? text) => text switch
    {
        "BUY" => Core.Strategy.Signal.Buy,
        "SELL" => Core.Strategy.Signal.Sell,
        "HOLD" => Core.Strategy.Signal.Hold,
        _ => null,
    };
}
