using System.Text.Json;
using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// Converts between <see cref="StateUpdate"/>/<see cref="NodeHeartbeat"/> and the state topic's <see cref="StateMessage"/>s,
/// validating what it reads: a value is either usable as its type says or refused with the reason.
/// </summary>
public static class StateCodec
{
    public const string NodeKeyPrefix = "node:";

    private const string KnownTypes = StateMessage.EvaluationType + ", " + StateMessage.ResetType + " or " + StateMessage.NodeType;

    public static byte[] Serialize(StateUpdate update) => Serialize(ToMessage(update));

    public static byte[] Serialize(NodeHeartbeat heartbeat) =>
        Serialize(new HeartbeatMessage { Node = heartbeat.Node, Time = heartbeat.Time, Roles = heartbeat.Roles, Streams = [.. heartbeat.Streams] });

    public static string KeyOf(NodeHeartbeat heartbeat) => NodeKeyPrefix + heartbeat.Node;

    // Always through the base type's metadata: that is what writes the type discriminator.
    private static byte[] Serialize(StateMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, StateJsonContext.Default.StateMessage);

    private static StreamStateMessage ToMessage(StateUpdate update)
    {
        var a = update.Account;
        var account = new AccountMessage(a.Cash, a.Quantity, a.EntryPrice, a.FeesPaid, a.FillCount);
        if (update.Evaluation is not { } e)
        {
            return new ResetMessage
            {
                Node = update.Node, Time = update.Time, Stream = update.Key.Id, Partition = update.Origin.Partition, Offset = update.Origin.Offset,
                Strategy = update.Strategy, Account = account, StartingBalance = update.StartingBalance, Rejected = update.RejectedUpdates, AsOf = update.AsOfOpenTime,
            };
        }
        return new EvaluationMessage
        {
            Node = update.Node, Time = update.Time, Stream = update.Key.Id, Partition = update.Origin.Partition, Offset = update.Origin.Offset,
            Strategy = update.Strategy,
            Candle = KlineCodec.ToMessage(e.Candle, 0) with { EventTime = null },
            Series = ToWire(e.Series),
            Reason = e.Reason.Length == 0 ? null : e.Reason,
            Signal = e.Signal.Token(),
            Action = e.Action.Token(),
            Preview = e.IsPreview,
            Fill = e.Fill is { } f
                ? new FillMessage(f.CandleOpenTime, f.Side.Token(), f.Price, f.Quantity, f.Fee, f.CashAfter, f.QuantityAfter, f.Reason.Name())
                : null,
            Cash = e.Cash,
            Quantity = e.Quantity,
            Equity = e.Equity,
            Account = account, StartingBalance = update.StartingBalance, Rejected = update.RejectedUpdates, AsOf = update.AsOfOpenTime,
        };
    }

    private static double?[]? ToWire(SeriesValues series)
    {
        ReadOnlySpan<double> values = series;
        var count = values.Length;
        while (count > 0 && !double.IsFinite(values[count - 1])) count--;
        if (count == 0) return null;
        var wire = new double?[count];
        for (var i = 0; i < count; i++) wire[i] = Finite.OrNull(values[i]);
        return wire;
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
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // NotSupportedException: no type, so only the abstract base was left to make.
            return WhyUnreadable(value, e);
        }
        if (message is null) return "value is null";
        if (string.IsNullOrWhiteSpace(message.Node)) return "node is missing";
        return message switch
        {
            HeartbeatMessage h => ToHeartbeat(key, h, out heartbeat),
            EvaluationMessage e => ToUpdate(key, e, out update),
            ResetMessage r => ToUpdate(key, r, out update),
            _ => $"unknown type '{message.GetType().Name}'",
        };
    }

    private static string? ToHeartbeat(string? key, HeartbeatMessage message, out NodeHeartbeat? heartbeat)
    {
        heartbeat = null;
        if (key != NodeKeyPrefix + message.Node) return $"key '{key}' does not match node '{message.Node}'";
        heartbeat = new NodeHeartbeat(message.Node, message.Roles, message.Streams, message.Time);
        return null;
    }

    private static string? ToUpdate(string? key, StreamStateMessage message, out StateUpdate? update)
    {
        update = null;
        if (StreamKey.TryParseId(message.Stream) is not { } stream) return $"stream '{message.Stream}' is not SYMBOL-INTERVAL";
        if (key != message.Stream) return $"key '{key}' does not match stream '{message.Stream}'";
        if (message.Strategy is { } strategy && StrategyLineupBinder.NameProblem(strategy) is { } nameProblem) return $"strategy {nameProblem}";
        var a = message.Account;
        if (a.Cash < 0 || a.Quantity < 0 || a.FillCount < 0) return "account has a negative cash, quantity or fill count";
        if (message.StartingBalance <= 0) return "startingBalance must be positive";

        Evaluation? evaluation = null;
        if (message is EvaluationMessage e)
        {
            if (ToEvaluation(e, stream, out var parsed) is { } problem) return problem;
            evaluation = parsed;
        }
        update = new StateUpdate(stream, message.Node, new CandleOrigin(message.Partition, message.Offset), evaluation,
            new AccountState(a.Cash, a.Quantity, a.EntryPrice, a.FeesPaid, a.FillCount), message.StartingBalance, message.Rejected, message.AsOf,
            message.Time, message.Strategy);
        return null;
    }

    private static string? ToEvaluation(EvaluationMessage message, StreamKey stream, out Evaluation evaluation)
    {
        evaluation = default;
        if (KlineCodec.ToCandle(message.Candle, out var candle) is { } problem) return "candle: " + problem;
        if (candle.Stream != stream) return $"candle {candle.Stream} does not belong to stream {stream}";
        if (TradeText.SignalFromToken(message.Signal) is not { } signal) return $"signal '{message.Signal}' is not BUY, SELL or HOLD";
        if (TradeText.SignalFromToken(message.Action) is not { } action) return $"action '{message.Action}' is not BUY, SELL or HOLD";
        if (message.Rsi is < 0 or > 100) return $"rsi {message.Rsi} is outside 0–100";
        Fill? fill = null;
        if (message.Fill is { } f)
        {
            if (TradeText.SideFromToken(f.Side) is not { } side) return $"fill side '{f.Side}' is not BUY or SELL";
            if (TradeText.ReasonFromName(f.Reason) is not { } reason) return $"fill reason '{f.Reason}' is unknown";
            if (f.OpenTime != candle.OpenTime) return "the fill is not on the message's candle";
            if (f.Price <= 0 || f.Quantity <= 0 || f.Fee < 0) return "the fill's price and quantity must be positive and its fee not negative";
            fill = new Fill(f.OpenTime, side, f.Price, f.Quantity, f.Fee, f.CashAfter, f.QuantityAfter, reason);
        }
        var series = Evaluation.SeedSeries(message.FastMa ?? double.NaN, message.SlowMa ?? double.NaN, message.Rsi ?? double.NaN);
        if (message.Series is { } values)
        {
            if (values.Length > SeriesValues.Capacity) return $"series has {values.Length} values, more than the {SeriesValues.Capacity} a strategy draws";
            series = SeriesValues.Empty;
            for (var i = 0; i < values.Length; i++) series[i] = values[i] ?? double.NaN;
        }

        evaluation = new Evaluation(candle, series, signal, action, fill, message.Cash, message.Quantity, message.Equity, message.Preview,
            message.Reason ?? "");
        return null;
    }

    /// <summary>
    /// Why a value could not be read as a state message. Only on that (rare) path is it parsed again, to tell a missing or
    /// unknown type from a message that is not valid for its known type.
    /// </summary>
    private static string WhyUnreadable(ReadOnlySpan<byte> value, Exception error)
    {
        var invalid = "invalid JSON: " + error.Message;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(value);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return invalid;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return invalid;
            if (!root.TryGetProperty(StateMessage.TypeProperty, out var type)) return $"type is missing (one of {KnownTypes})";
            if (type.ValueKind != JsonValueKind.String) return $"type is not a string (one of {KnownTypes})";
            var name = type.GetString();
            return name is StateMessage.EvaluationType or StateMessage.ResetType or StateMessage.NodeType
                ? $"invalid {name} message: {error.Message}"
                : $"unknown type '{name}'";
        }
    }
}
