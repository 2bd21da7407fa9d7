namespace CryptoStreamLab.Web.State;

/// <summary>
/// Whether the app is still rebuilding its streams from the retained topic before serving live: the one place that
/// knows. The Kafka consumer sets it; the stream state, the status endpoints, the health check and the dashboard read it.
/// </summary>
public sealed class RestorePhase
{
    private int _active;

    public bool Active => Volatile.Read(ref _active) == 1;

    /// <summary>Raised on the setter's thread when <see cref="Active"/> changes. Handlers must be quick and must not throw.</summary>
    public event Action<bool>? Changed;

    public void Set(bool active)
    {
        if (Interlocked.Exchange(ref _active, active ? 1 : 0) != (active ? 1 : 0)) Changed?.Invoke(active);
    }
}
