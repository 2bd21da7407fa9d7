using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>Stands in for the app's stream state: records every candle it is given, in order.</summary>
public sealed class RecordingSink : ICandleSink
{
    private readonly Lock _lock = new();
    private readonly List<(Candle Candle, bool Restoring)> _applied = [];

    /// <summary>Read at each Apply, to record whether the consumer said it was restoring at that moment.</summary>
    public Func<bool>? RestoringProbe { get; set; }

    /// <summary>Candles this sink throws on, to stand for a bug downstream of the consumer.</summary>
    public Func<Candle, bool>? FailWhen { get; set; }

    /// <summary>What the sink answers for a candle, as the stream state would; Applied when not set.</summary>
    public Func<Candle, CandleApplyOutcome>? Outcome { get; set; }

    public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null)
    {
        if (FailWhen?.Invoke(candle) == true) throw new InvalidOperationException("sink exploded on " + candle.OpenTime);
        var restoring = RestoringProbe?.Invoke() ?? false;
        lock (_lock) _applied.Add((candle, restoring));
        return Outcome?.Invoke(candle) ?? CandleApplyOutcome.Applied;
    }

    public IReadOnlyList<Candle> Candles
    {
        get { lock (_lock) return _applied.Select(entry => entry.Candle).ToList(); }
    }

    public IReadOnlyList<(Candle Candle, bool Restoring)> Entries
    {
        get { lock (_lock) return _applied.ToList(); }
    }

    public int Count
    {
        get { lock (_lock) return _applied.Count; }
    }

    public Task WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Count >= count, timeout, () => $"sink has {Count} candles, expected {count}");
}
