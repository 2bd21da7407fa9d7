using CryptoStreamLab.Node.Cluster;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Hands each alert to the queue of every webhook that wants it and runs one delivery worker per webhook. Publishing
/// never blocks, so the engines and watchers that raise alerts are never slowed by a receiver.
/// </summary>
public sealed class AlertDispatcher : IHostedService
{
    /// <summary>How long a stopping app keeps posting what is queued before it gives up on it.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<WebhookSender> _senders;
    private readonly CancellationTokenSource _stop = new();
    private Task[] _workers = [];

    public AlertDispatcher(IOptions<AlertOptions> options, IOptions<NodeOptions> node, IHttpClientFactory clients, ILogger<AlertDispatcher> logger,
        TimeProvider clock)
    {
        var o = options.Value;
        Node = node.Value.EffectiveId;
        _senders = o.Parsed().Select(webhook => new WebhookSender(webhook, o.QueueCapacity, clients, Node, logger, clock)).ToList();
        Wanted = _senders.Aggregate(AlertEventKind.None, (kinds, sender) => kinds | sender.Webhook.Events);
    }

    /// <summary>This node's id, sent with every alert.</summary>
    public string Node { get; }

    /// <summary>Every event some webhook wants; nothing watches for the others.</summary>
    public AlertEventKind Wanted { get; }

    public bool Wants(AlertEventKind kind) => (Wanted & kind) != 0;

    /// <summary>Queues the alert for every webhook that wants it, or drops and counts it where the queue is full.</summary>
    public void Publish(AlertEvent alert)
    {
        foreach (var sender in _senders) sender.TryEnqueue(alert);
    }

    public AlertsStatus Status() => new(_senders.Select(sender => sender.Status()).ToList());

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = _senders.Select(sender => Task.Run(() => sender.RunAsync(_stop.Token), CancellationToken.None)).ToArray();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var sender in _senders) sender.Complete();
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(DrainTimeout);
        try
        {
            await Task.WhenAll(_workers).WaitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A receiver that does not answer must not hold up the app's shutdown.
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }
}
