using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Web.State;

/// <summary>One stream's engine behind a lock, with its fill log and a snapshot cached per version.</summary>
internal sealed class StreamState(StreamEngine engine, TimeProvider clock)
{
    /// <summary>The trading log keeps more than the candle buffer so old fills stay visible.</summary>
    private const int FillLogCapacity = 1_000;

    private readonly object _gate = new();
    private readonly Queue<Fill> _fills = new();
    private long _version;
    private DateTimeOffset? _lastUpdate;
    private StreamSnapshot? _cached;

    public EngineUpdate Apply(in Core.Market.Candle candle)
    {
        lock (_gate)
        {
            var update = engine.Apply(candle);
            if (!update.Changed) return update;
            if (update.CommittedPrevious?.Fill is { } earlier) LogFill(earlier);
            if (update.Current?.Fill is { } fill) LogFill(fill);
            _version++;
            _lastUpdate = clock.GetUtcNow();
            return update;
        }
    }

    public void Mutate(Action<StreamEngine> action)
    {
        lock (_gate)
        {
            action(engine);
            _version++;
        }
    }

    public StreamSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_cached is { } cached && cached.Version == _version) return cached;
            _cached = new StreamSnapshot(engine.Key, _version, engine.Buffer.ToArray(), engine.History.ToArray(), engine.Latest,
                _fills.ToArray(), engine.Account.State, engine.Account.StartingBalance, engine.Buffer.RejectedCount, _lastUpdate);
            return _cached;
        }
    }

    private void LogFill(Fill fill)
    {
        if (_fills.Count == FillLogCapacity) _fills.Dequeue();
        _fills.Enqueue(fill);
    }
}
