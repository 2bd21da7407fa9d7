using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Security;
using Microsoft.AspNetCore.Http.Features;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>
/// Writes one client's event stream (<c>text/event-stream</c>): its replay, then each event as it comes, and a
/// <c>: keep-alive</c> comment every heartbeat interval. Ends when the client goes, when it is dropped for falling behind
/// (it reconnects with <c>Last-Event-ID</c>), when the credential it was opened with ends (<see cref="CredentialWatch"/>:
/// signed out, expired, key removed), or when the app stops; the client leaves its feed in every case. A client already
/// holding its maximum of streams (<see cref="EventStreamQuota"/>) gets 429 instead.
/// </summary>
internal sealed class EventStreamResult(StreamEventHub hub, StreamKey key, string strategy, EventPosition? after, TimeSpan heartbeat, TimeProvider clock)
    : IResult
{
    public const string ContentType = "text/event-stream";

    public async Task ExecuteAsync(HttpContext http)
    {
        using var lease = http.RequestServices.GetRequiredService<EventStreamQuota>().TryOpen(http);
        if (lease is null)
        {
            await Results.Problem("This API key or session already holds its maximum of open event streams (Api:MaxEventStreamsPerClient); close one first.",
                title: "Too many event streams", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            return;
        }
        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var token = cancel.Token;
        var credentialEnded = http.RequestServices.GetService<CredentialWatch>()?.EndedAsync(http.User, token);
        using var client = hub.Join(key, after, strategy);
        using var timer = new PeriodicTimer(heartbeat, clock);
        try
        {
            await response.Body.FlushAsync(token);
            Task<bool>? read = null, beat = null;
            while (true)
            {
                read ??= client.Reader.WaitToReadAsync(token).AsTask();
                beat ??= timer.WaitForNextTickAsync(token).AsTask();
                if (credentialEnded is null) await Task.WhenAny(read, beat);
                else if (await Task.WhenAny(read, beat, credentialEnded) == credentialEnded) return; // signed out, expired or key removed
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
        finally
        {
            await cancel.CancelAsync(); // ends the pending reads and the credential watch with the stream
        }
    }
}
