namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// Whether the app is still rebuilding its streams from retained topics before serving live: the one place that knows.
/// Each consumer that restores (candles, state) sets its own part; the phase lasts while any part does. The stream
/// state, the status endpoints, the health check and the dashboard read it.
/// </summary>
public sealed class RestorePhase
{
    private readonly HashSet<string> _active = [];
    private volatile bool _any;

    public bool Active => _any;

    /// <summary>Raised on the setter's thread when <see cref="Active"/> changes. Handlers must be quick and must not throw.</summary>
    public event Action<bool>? Changed;

    /// <summary>Sets the one-part phase of a node with a single restoring consumer (and of tests).</summary>
    public void Set(bool active) => Set("", active);

    public void Set(string part, bool active)
    {
        bool changed;
        lock (_active)
        {
            if (active) _active.Add(part);
            else _active.Remove(part);
            changed = _any != _active.Count > 0;
            _any = _active.Count > 0;
        }
        if (changed) Changed?.Invoke(_any);
    }
}
