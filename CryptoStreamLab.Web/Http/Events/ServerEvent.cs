using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>One Server-Sent Event, framed once (<c>id</c>, <c>event</c>, one <c>data</c> line of JSON) and written as is to every client.</summary>
public sealed class ServerEvent
{
    private ServerEvent(EventPosition position, string type, byte[] frame)
    {
        Position = position;
        Type = type;
        Frame = frame;
    }

    public EventPosition Position { get; }

    /// <summary><c>candle</c>, <c>signal</c> or <c>fill</c>.</summary>
    public string Type { get; }

    /// <summary>The UTF-8 bytes of the whole event, blank line included.</summary>
    public byte[] Frame { get; }

    /// <summary>A comment line that keeps the connection alive; clients ignore it.</summary>
    public static ReadOnlyMemory<byte> KeepAlive { get; } = ": keep-alive\n\n"u8.ToArray();

    public static ServerEvent Create<T>(EventPosition position, string type, T payload, JsonTypeInfo<T> typeInfo)
    {
        // System.Text.Json writes no raw line breaks (they are escaped inside strings), so the payload is one data line.
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var head = Encoding.UTF8.GetBytes($"id: {position}\nevent: {type}\ndata: ");
        var frame = new byte[head.Length + json.Length + 2];
        head.CopyTo(frame, 0);
        json.CopyTo(frame, head.Length);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return new ServerEvent(position, type, frame);
    }
}
