using System.Globalization;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>Where in a candle's life an event stands: open updates, its close, the signal on it, the fill on it.</summary>
public enum EventPhase
{
    Open = 0,
    Closed = 1,
    Signal = 2,
    Fill = 3,
}

/// <summary>
/// An event's id, <c>{open_time}-{phase}</c>: the candle it belongs to and how far into that candle's life it is. Ids come
/// from the data, not from a counter, so they are the same on every node and across restarts, and a client that reconnects
/// with <c>Last-Event-ID</c> gets exactly what follows it while the stream's buffer still holds it. Every open update of a
/// candle shares the id <c>{open_time}-0</c>: a reconnect resumes with that candle's latest state.
/// </summary>
public readonly record struct EventPosition(long OpenTime, EventPhase Phase) : IComparable<EventPosition>
{
    /// <summary>Before every event.</summary>
    public static EventPosition Start { get; } = new(long.MinValue, EventPhase.Open);

    public int CompareTo(EventPosition other) =>
        OpenTime != other.OpenTime ? OpenTime.CompareTo(other.OpenTime) : Phase.CompareTo(other.Phase);

    public static bool operator <(EventPosition left, EventPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(EventPosition left, EventPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventPosition left, EventPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventPosition left, EventPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OpenTime}-{(int)Phase}");

    public static bool TryParse(string? text, out EventPosition position)
    {
        position = Start;
        var dash = text?.LastIndexOf('-') ?? -1;
        if (text is null || dash <= 0 || dash != text.Length - 2) return false;
        if (!long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var openTime)) return false;
        var phase = text[^1] - '0';
        if (phase is < 0 or > (int)EventPhase.Fill) return false;
        position = new EventPosition(openTime, (EventPhase)phase);
        return true;
    }
}
