using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Node.Wire;

/// <summary>Converts commands to and from the commands topic's messages, validating what it reads.</summary>
public static class CommandCodec
{
    /// <summary>Start the stream's paper account afresh from its starting balance.</summary>
    public const string ResetType = "reset";

    public static byte[] Serialize(CommandMessage command) => JsonSerializer.SerializeToUtf8Bytes(command, CommandJsonContext.Default.CommandMessage);

    /// <returns>Null when <paramref name="stream"/> names the stream of a usable command, otherwise why it is not usable.</returns>
    public static string? TryDeserialize(string? key, ReadOnlySpan<byte> value, int maxBytes, out CommandMessage? command, out StreamKey stream)
    {
        command = null;
        stream = default;
        if (value.Length > maxBytes) return $"value is {value.Length} bytes, above the {maxBytes}-byte limit";
        try
        {
            command = JsonSerializer.Deserialize(value, CommandJsonContext.Default.CommandMessage);
        }
        catch (JsonException e)
        {
            return "invalid JSON: " + e.Message;
        }
        if (command is null) return "value is null";
        if (command.Type != ResetType) return $"unknown command '{command.Type}'";
        if (StreamKey.TryParseId(command.Stream) is not { } parsed) return $"stream '{command.Stream}' is not SYMBOL-INTERVAL";
        if (key != command.Stream) return $"key '{key}' does not match stream '{command.Stream}'";
        if (string.IsNullOrWhiteSpace(command.Node) || string.IsNullOrWhiteSpace(command.Id)) return "node and id are required";
        if (command.Strategy is { } strategy && StrategyLineupBinder.NameProblem(strategy) is { } problem) return $"strategy {problem}";
        stream = parsed;
        return null;
    }
}
