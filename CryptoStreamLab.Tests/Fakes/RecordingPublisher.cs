using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest;

namespace CryptoStreamLab.Tests.Fakes;

/// <summary>Stands in for the Kafka producer: keeps every published update, in order.</summary>
public sealed class RecordingPublisher : IKlinePublisher
{
    private readonly Lock _gate = new();
    private readonly List<(Candle Candle, long EventTime)> _published = [];
    private readonly List<(Func<Candle, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public ValueTask PublishAsync(Candle candle, long eventTime, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _published.Add((candle, eventTime));
            foreach (var waiter in _waiters.Where(w => w.Match(candle)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<Candle> Candles
    {
        get
        {
            lock (_gate) return _published.Select(p => p.Candle).ToList();
        }
    }

    public IReadOnlyList<Candle> ClosedCandles => Candles.Where(c => c.IsClosed).ToList();

    /// <summary>Completes when a candle matching <paramref name="match"/> has been published (before or after the call).</summary>
    public async Task WaitForAsync(Func<Candle, bool> match, TimeSpan? timeout = null, string? because = null)
    {
        Task done;
        lock (_gate)
        {
            if (_published.Any(p => match(p.Candle))) return;
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, source));
            done = source.Task;
        }
        try
        {
            await done.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no matching candle published {because}; got {Candles.Count}: " +
                string.Join(" ", Candles.TakeLast(20).Select(c => $"{c.OpenTime}{(c.IsClosed ? "x" : "o")}")));
        }
    }
}
