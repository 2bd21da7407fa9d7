using CryptoStreamLab.Core.Market;
using Microsoft.AspNetCore.Http.Features;

namespace CryptoStreamLab.Web.Api.Events;

/// <summary>
/// Writes one client's event stream (<c>text/event-stream</c>): its replay, then each event as it comes, and a
/// <c>: keep-alive</c> comment every heartbeat interval. Ends when the client goes, when it is dropped for falling behind
/// (it reconnects with <c>Last-Event-ID</c>), or when the app stops; the client leaves its feed in every case.
/// </summary>
internal sealed class EventStreamResult(StreamEventHub hub, StreamKey key, EventPosition? after, TimeSpan heartbeat, TimeProvider clock) : IResult
{
    public const string ContentType = "text/event-stream";

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var token = cancel.Token;
        using var client = hub.Join(key, after);
        using var timer = new PeriodicTimer(heartbeat, clock);
        try
        {
            await response.Body.FlushAsync(token);
            Task<bool>? read = null, beat = null;
            while (true)
            {
                read ??= client.Reader.WaitToReadAsync(token).AsTask();
                beat ??= timer.WaitForNextTickAsync(token).AsTask();
                await Task.WhenAny(read, beat);
                if (read.IsCompleted)
                {
                    if (!await read) return; // dropped, and everything it held was written
                    while (client.Reader.TryRead(out var e)) await response.Body.WriteAsync(e.Frame, token);
                    await response.Body.FlushAsync(token);
                    read = null;
                }
                if (beat.IsCompleted)
                {
                    if (!await beat) return;
                    await response.Body.WriteAsync(ServerEvent.KeepAlive, token);
                    await response.Body.FlushAsync(token);
                    beat = null;
                }
            }
        }
        catch (Exception e) when ((e is OperationCanceledException && token.IsCancellationRequested) || e is IOException)
        {
            // The client went away (a write may fail before the request is marked aborted) or the app is stopping.
        }
    }
}
