using System.Diagnostics;

namespace CryptoStreamLab.Tests.Support;

/// <summary>Waits on a condition instead of a sleep: polls it until it holds, and on timeout says what was awaited.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <param name="timeout"><see cref="DefaultTimeout"/> when null.</param>
    /// <param name="describe">What was awaited and what holds instead, for the timeout's message.</param>
    public static async Task WaitAsync(Func<bool> condition, TimeSpan? timeout, Func<string> describe, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Timed out after {limit.TotalSeconds} s: {describe()}");
            await Task.Delay(20, cancellation);
        }
    }
}
