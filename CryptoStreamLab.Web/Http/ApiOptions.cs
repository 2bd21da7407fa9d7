namespace CryptoStreamLab.Web.Http;

/// <summary>The HTTP API's limits (appsettings section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    private static readonly TimeSpan MinHeartbeat = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxHeartbeat = TimeSpan.FromMinutes(10);

    /// <summary>How often an event stream sends a <c>: keep-alive</c> comment, so proxies and clients see it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Events one event-stream client may have waiting: a client still holding this many when new events come is dropped
    /// (and counted) rather than slowing the engine or growing its queue. It reconnects with <c>Last-Event-ID</c> and misses
    /// nothing the stream's buffer still holds.
    /// </summary>
    public int ClientQueueCapacity { get; set; } = 1_024;

    /// <summary>The largest request body any <c>/api/v1</c> endpoint accepts; larger ones are answered 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1_024;

    /// <summary>
    /// Event streams one API key or one signed-in session may hold open at once; the next gets 429 until one closes. (With
    /// access control off the app is open to whoever reaches it on loopback, and streams are not counted.)
    /// </summary>
    public int MaxEventStreamsPerClient { get; set; } = 8;

    public IEnumerable<string> Validate()
    {
        if (MaxEventStreamsPerClient is < 1 or > 10_000)
            yield return $"{SectionName}:MaxEventStreamsPerClient {MaxEventStreamsPerClient} must be from 1 to 10000.";
        if (HeartbeatInterval < MinHeartbeat || HeartbeatInterval > MaxHeartbeat)
            yield return $"{SectionName}:HeartbeatInterval {HeartbeatInterval} must be from {MinHeartbeat} to {MaxHeartbeat}.";
        if (ClientQueueCapacity is < 16 or > 1_000_000)
            yield return $"{SectionName}:ClientQueueCapacity {ClientQueueCapacity} must be from 16 to 1000000 events.";
        if (MaxRequestBodyBytes is < 2 or > 1_048_576)
            yield return $"{SectionName}:MaxRequestBodyBytes {MaxRequestBodyBytes} must be from 2 to 1048576 bytes.";
    }
}
