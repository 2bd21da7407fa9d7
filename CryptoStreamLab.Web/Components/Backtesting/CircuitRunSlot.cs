namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// One circuit's turn at the <see cref="HeavyRunQueue"/>: a page runs one sweep or walk-forward at a time (a second waits
/// for the first), then takes its place in the app-wide queue.
/// </summary>
public sealed class CircuitRunSlot(HeavyRunQueue queue) : IDisposable
{
    private readonly SemaphoreSlim _own = new(1, 1);

    /// <summary>Waits for this circuit's other run, then for an app-wide slot; <paramref name="onPosition"/> as in <see cref="HeavyRunQueue.EnterAsync"/>.</summary>
    public async Task<IDisposable> EnterAsync(Action<int>? onPosition, CancellationToken cancel)
    {
        await _own.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var slot = await queue.EnterAsync(onPosition, cancel).ConfigureAwait(false);
            return new Both(slot, _own);
        }
        catch
        {
            _own.Release();
            throw;
        }
    }

    public void Dispose() => _own.Dispose();

    private sealed class Both(IDisposable slot, SemaphoreSlim own) : IDisposable
    {
        private int _freed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _freed, 1) != 0) return;
            slot.Dispose();
            own.Release();
        }
    }
}
