namespace CryptoStreamLab.Node.Resilience;

/// <summary>
/// The node's one exponential backoff, with "equal jitter": the cap doubles per failure from the minimum to the maximum,
/// and the wait is a random point in its upper half, so many clients dropped together do not reconnect in lock-step
/// while each still waits at least half the cap. The Binance source's reconnects, the Kafka consumers' restarts and the
/// webhook retries all wait by it.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan minDelay, TimeSpan maxDelay, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <param name="failures">Consecutive failures so far, 0 for the first retry.</param>
    public TimeSpan Next(int failures)
    {
        var cap = minDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        cap = Math.Min(cap, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(cap / 2 + _random.NextDouble() * cap / 2);
    }
}
