using System.Collections.Concurrent;
using System.Text.Json;
using CryptoStreamLab.Node.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port) standing for a webhook's receiver: it records every request
/// and answers as told, so the app's HttpClient, its resilience pipeline and its sockets are all exercised for real.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<HttpContext, int, Task> _answer;
    private readonly ConcurrentQueue<Received> _requests = new();
    private int _count;

    private WebhookReceiver(Func<HttpContext, int, Task> answer)
    {
        _answer = answer;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Answers 200 to everything.</summary>
    public static Task<WebhookReceiver> SucceedingAsync() => StartAsync((_, _) => Task.CompletedTask);

    /// <summary>Answers 500 to the first <paramref name="failures"/> requests, then 200.</summary>
    public static Task<WebhookReceiver> FailingFirstAsync(int failures) =>
        StartAsync((context, number) =>
        {
            if (number <= failures) context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

    /// <summary>Answers 500 to everything.</summary>
    public static Task<WebhookReceiver> FailingAsync() =>
        StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

    /// <summary>Never answers: holds every request until the client gives up.</summary>
    public static Task<WebhookReceiver> HangingAsync() =>
        StartAsync((context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted));

    /// <summary>Redirects every request back to itself, for ever.</summary>
    public static Task<WebhookReceiver> RedirectingToItselfAsync() =>
        StartAsync((context, _) =>
        {
            context.Response.Redirect(context.Request.Path + context.Request.QueryString);
            return Task.CompletedTask;
        });

    public static async Task<WebhookReceiver> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var receiver = new WebhookReceiver(answer);
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>The receiver's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public string Url(string pathAndQuery = "/hook") => new Uri(BaseAddress, pathAndQuery).ToString();

    public IReadOnlyList<Received> Requests => _requests.ToList();

    /// <summary>Requests answered with a 2xx status.</summary>
    public IReadOnlyList<Received> Accepted => _requests.Where(r => r.Status is >= 200 and < 300).ToList();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        try
        {
            await _answer(context, number);
        }
        finally
        {
            _requests.Enqueue(new Received(number, context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers[WebhookSender.IdempotencyHeader].ToString(), context.Request.ContentType, body,
                context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode));
        }
    }

    /// <summary>One request as the receiver saw it; <see cref="Status"/> 0 when the client gave up before an answer.</summary>
    public sealed record Received(int Number, string Method, string PathAndQuery, string Key, string? ContentType, string Body, int Status)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
    }
}
