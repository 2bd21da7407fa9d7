namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// The app-wide queue for sweeps and walk-forward runs, the page's heavy work: at most one runs per core (each already
/// uses every core it is given), the others wait in arrival order and are told their place as it changes. A waiter that
/// is cancelled (its page closed, Cancel pressed) leaves the queue.
/// </summary>
public sealed class HeavyRunQueue(int slots)
{
    private readonly LinkedList<Waiter> _waiting = new();
    private readonly Lock _lock = new();
    private int _running;

    public HeavyRunQueue() : this(Environment.ProcessorCount)
    {
    }

    /// <summary>
    /// Waits for a slot; <paramref name="onPosition"/> gets the place in the queue (1 = next) whenever it changes, 0 when the
    /// run may start. Dispose the result to free the slot.
    /// </summary>
    public async Task<IDisposable> EnterAsync(Action<int>? onPosition, CancellationToken cancel)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_running < slots && _waiting.Count == 0)
            {
                _running++;
                onPosition?.Invoke(0);
                return new Slot(this);
            }
            waiter = new Waiter(onPosition);
            waiter.Node = _waiting.AddLast(waiter);
            waiter.Tell(_waiting.Count);
        }
        await using (cancel.Register(() => Leave(waiter)))
            await waiter.Granted.Task.ConfigureAwait(false);
        onPosition?.Invoke(0);
        return new Slot(this);
    }

    private void Leave(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null) return; // already granted
            _waiting.Remove(waiter.Node);
            waiter.Granted.TrySetCanceled();
            TellPositions();
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            if (_waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                next.Value.Granted.TrySetResult(); // the slot passes straight on
                TellPositions();
            }
            else _running--;
        }
    }

    private void TellPositions()
    {
        var position = 1;
        for (var node = _waiting.First; node is not null; node = node.Next) node.Value.Tell(position++);
    }

    private sealed class Waiter(Action<int>? onPosition)
    {
        public LinkedListNode<Waiter>? Node;
        public readonly TaskCompletionSource Granted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Tell(int position) => onPosition?.Invoke(position);
    }

    private sealed class Slot(HeavyRunQueue queue) : IDisposable
    {
        private int _freed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _freed, 1) == 0) queue.Release();
        }
    }
}
