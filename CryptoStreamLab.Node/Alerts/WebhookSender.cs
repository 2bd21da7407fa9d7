using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Polly.Timeout;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// One webhook's queue and the single worker that posts it in order, so a slow or dead receiver holds up only its own
/// alerts. Enqueueing never blocks: when the queue is full the new alert is dropped and counted. Retries, backoff and
/// timeouts come from the HTTP client's resilience pipeline; what is left failing is counted and its reason kept, masked.
/// </summary>
public sealed class WebhookSender
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly Channel<AlertEvent> _queue;
    private readonly IHttpClientFactory _clients;
    private readonly string _node;
    private readonly ILogger _logger;
    private long _delivered, _failed, _dropped;
    private volatile string? _lastError;
    private long _lastErrorTime = long.MinValue, _lastDelivered = long.MinValue; // UTC ticks, read by the status without a lock.
    private readonly TimeProvider _clock;

    public WebhookSender(Webhook webhook, int capacity, IHttpClientFactory clients, string node, ILogger logger, TimeProvider clock)
    {
        Webhook = webhook;
        _clients = clients;
        _node = node;
        _logger = logger;
        _clock = clock;
        _queue = Channel.CreateBounded<AlertEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: the caller drops and counts.
            SingleReader = true,
        });
    }

    public Webhook Webhook { get; }

    /// <summary>Queues the alert when this webhook wants it; never blocks. False when it was dropped (queue full or closed).</summary>
    public bool TryEnqueue(AlertEvent alert)
    {
        if (!Webhook.Wants(alert.Kind)) return true;
        if (_queue.Writer.TryWrite(alert)) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>No more alerts: the worker ends once it has posted what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Posts queued alerts one after the other until the queue is completed and empty, or <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stop).ConfigureAwait(false)) await DeliverAsync(alert, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: what is still queued is not sent.
        }
    }

    public WebhookStatus Status() => new(Webhook.Index, Webhook.MaskedUrl, AlertEventKinds.Describe(Webhook.Events), Webhook.Format.Name(),
        Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped),
        _queue.Reader.CanCount ? _queue.Reader.Count : 0, _lastError, Moment(ref _lastErrorTime), Moment(ref _lastDelivered));

    private static DateTimeOffset? Moment(ref long ticks) => Interlocked.Read(ref ticks) is var t && t == long.MinValue ? null : new DateTimeOffset(t, TimeSpan.Zero);

    private async Task DeliverAsync(AlertEvent alert, CancellationToken stop)
    {
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Webhook.Url)
            {
                Content = new StringContent(AlertBody.Of(alert, Webhook.Format, _node, Webhook.Url), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(IdempotencyHeader, alert.Id);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CryptoStreamLab", "1.0"));
            using var response = await _clients.CreateClient(AlertServiceCollectionExtensions.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop).ConfigureAwait(false);
            error = response.IsSuccessStatusCode ? null : Describe(response);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            error = e is TimeoutRejectedException or OperationCanceledException ? "no answer in time: " + e.Message : e.Message;
            if (e.InnerException is { } inner && !error.Contains(inner.Message, StringComparison.Ordinal)) error += " (" + inner.Message + ")";
        }

        if (error is null)
        {
            Interlocked.Increment(ref _delivered);
            Interlocked.Exchange(ref _lastDelivered, _clock.GetUtcNow().UtcTicks);
            _logger.LogDebug("Alerts: {Event} {Id} delivered to webhook {Index} ({Url})", alert.Kind.Name(), alert.Id, Webhook.Index, Webhook.MaskedUrl);
            return;
        }
        error = Webhook.Scrub(error);
        Interlocked.Increment(ref _failed);
        _lastError = error;
        Interlocked.Exchange(ref _lastErrorTime, _clock.GetUtcNow().UtcTicks);
        _logger.LogWarning("Alerts: {Event} {Id} could not be delivered to webhook {Index} ({Url}): {Error}",
            alert.Kind.Name(), alert.Id, Webhook.Index, Webhook.MaskedUrl, error);
    }

    private string Describe(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is >= 300 and < 400)
        {
            var target = response.Headers.Location is { } location ? " to " + SecretUrl.Mask(new Uri(Webhook.Url, location)) : "";
            return $"HTTP {code}: a redirect{target}, which is not followed; configure the webhook's final URL";
        }
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? " " + phrase[..Math.Min(phrase.Length, 100)] : "";
        return response.StatusCode == HttpStatusCode.TooManyRequests ? $"HTTP {code}{reason}: rate limited" : $"HTTP {code}{reason}";
    }
}

/// <summary>One webhook in /api/status: its URL masked, what it is sent, and how its deliveries went.</summary>
/// <param name="Pending">Alerts queued and not yet posted.</param>
/// <param name="Dropped">Alerts refused because the queue was full.</param>
public sealed record WebhookStatus(
    int Index,
    string Url,
    IReadOnlyList<string> Events,
    string Format,
    long Delivered,
    long Failed,
    long Dropped,
    int Pending,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    DateTimeOffset? LastDelivered);

/// <summary>The "alerts" section of /api/status.</summary>
public sealed record AlertsStatus(IReadOnlyList<WebhookStatus> Webhooks);
