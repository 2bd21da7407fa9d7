using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>
/// One alert per silence: a stream whose last update is older than the limit is reported once, and again only after
/// an update ended that silence and a new one began. A stream never updated is silent since watching began.
/// </summary>
public sealed class StaleStreamWatch(TimeSpan staleAfter, DateTimeOffset watchingSince)
{
    private readonly Dictionary<StreamKey, DateTimeOffset> _reported = [];

    public TimeSpan StaleAfter => staleAfter;

    /// <summary>The stale alert to send now, or null (fresh, or this silence was reported already).</summary>
    public AlertEvent? Check(StreamKey key, DateTimeOffset? lastUpdate, DateTimeOffset now)
    {
        var since = lastUpdate ?? watchingSince;
        if (now - since <= staleAfter) return null;
        if (_reported.TryGetValue(key, out var reported) && reported == since) return null;
        _reported[key] = since;
        return AlertEvent.ForStale(key, since.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), staleAfter);
    }
}

/// <summary>
/// One alert per outage: Kafka counts as down after <see cref="Confirmations"/> unhealthy checks in a row (one failed
/// metadata request is not an outage), and as back after one check that is not unhealthy.
/// </summary>
public sealed class KafkaOutageWatch(string node)
{
    public const int Confirmations = 2;

    private int _unhealthyInARow;
    private bool _down;

    public bool Down => _down;

    /// <summary>The kafka-down alert to send now, or null.</summary>
    public AlertEvent? Observe(bool unhealthy, string? reason, DateTimeOffset now)
    {
        if (!unhealthy)
        {
            _unhealthyInARow = 0;
            _down = false;
            return null;
        }
        if (_down || ++_unhealthyInARow < Confirmations) return null;
        _down = true;
        return AlertEvent.ForKafkaDown(node, now.ToUnixTimeMilliseconds(), reason ?? "the Kafka health check is unhealthy");
    }
}
