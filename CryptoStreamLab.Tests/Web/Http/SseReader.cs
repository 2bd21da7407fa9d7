using System.Text;
using System.Text.Json;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>One thing an event stream sent: an event (id, type, data) or a comment line.</summary>
public sealed record SseItem(string? Id, string? Event, string? Data, string? Comment)
{
    public bool IsComment => Comment is not null;

    public JsonElement Json => JsonDocument.Parse(Data!).RootElement;

    public long OpenTime => Json.GetProperty("open_time").GetInt64();

    public bool Closed => Json.GetProperty("closed").GetBoolean();
}

/// <summary>A minimal Server-Sent Events parser over a response stream, as a browser's EventSource reads it.</summary>
public sealed class SseReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event or comment; null when the server ended the stream.</summary>
    public async Task<SseItem?> NextAsync(CancellationToken cancellation)
    {
        string? id = null, type = null;
        StringBuilder? data = null;
        while (await _reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null) return new SseItem(id, type ?? "message", data.ToString(), null);
                continue;
            }
            if (line[0] == ':') return new SseItem(null, null, null, line[1..].Trim());
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": (data ??= new StringBuilder()).Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }
        return null;
    }

    /// <summary>Events (comments skipped) until <paramref name="done"/> holds for the last one, or the stream ends.</summary>
    public async Task<List<SseItem>> ReadUntilAsync(Func<SseItem, bool> done, CancellationToken cancellation)
    {
        var items = new List<SseItem>();
        while (await NextAsync(cancellation) is { } item)
        {
            if (item.IsComment) continue;
            items.Add(item);
            if (done(item)) break;
        }
        return items;
    }
}
