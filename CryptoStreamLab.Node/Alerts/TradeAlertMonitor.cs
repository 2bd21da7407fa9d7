using System.Collections.Concurrent;
using System.Threading.Channels;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// Raises fill and signal alerts for the streams this node's engine runs, so a cluster sends each once. The change
/// callback runs on the engine's thread and only marks the stream; this service's own loop takes the snapshots, finds
/// what is new and hands it to the dispatcher. Streams owned elsewhere are still tracked (not alerted), so a stream
/// taken over later alerts only what happens after its previous owner's last state. What a restore or a backfill makes
/// the account trade for candles it had not traded yet is new and alerted; a fill made again from a replay (a lost ledger)
/// carries the same idempotency key as the first time.
/// </summary>
public sealed class TradeAlertMonitor(StreamDirectory market, AlertDispatcher dispatcher, ILogger<TradeAlertMonitor> logger) : BackgroundService
{
    private const AlertEventKind Trades = AlertEventKind.Fill | AlertEventKind.Signal;

    /// <summary>
    /// Between two looks at the changed streams: the still-open candle changes every second or two per stream, and every
    /// look takes a snapshot, so changes are gathered for this long first. Alerts wait at most this much longer.
    /// </summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<StreamKey, byte> _changed = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TradeEventTracker _tracker = new();
    private IDisposable? _subscription;

    /// <summary>Subscribes before the base class starts the loop, so no change between start and the baseline is missed.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (dispatcher.Wants(Trades))
        {
            _subscription = market.Subscribe(null, change =>
            {
                _changed.TryAdd(change.Key, 0);
                _wake.Writer.TryWrite(true);
            });
            foreach (var key in market.Keys) _tracker.Track(market.Snapshot(key), Trades, market.Lineup.IsConfigured);
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_subscription is null) return;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                foreach (var key in _changed.Keys)
                {
                    _changed.TryRemove(key, out _);
                    Examine(key);
                }
                await Task.Delay(Pace, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Examine(StreamKey key)
    {
        try
        {
            var events = _tracker.Track(market.Snapshot(key), dispatcher.Wanted & Trades, market.Lineup.IsConfigured);
            if (events.Count == 0 || !AlertOwnership.IsHere(market, key)) return;
            foreach (var alert in events) dispatcher.Publish(alert);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug here must not end alerting for every other stream.
            logger.LogError(e, "Alerts: could not examine {Stream} for fills and signals", key);
        }
    }
}

/// <summary>Which node alerts for a stream: the one whose engine runs it (or, before any engine published it, every engine node).</summary>
public static class AlertOwnership
{
    public static bool IsHere(StreamDirectory market, StreamKey key) => market.Owner(key) is not { } owner || owner == market.Node;
}
