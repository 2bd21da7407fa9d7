using System.Diagnostics;
using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Components.Dashboard;

public sealed class RenderThrottleTests
{
    [Fact]
    public async Task A_burst_of_requests_renders_at_most_the_limit_and_always_renders_after_the_last_request()
    {
        using var throttle = new RenderThrottle(Options.Create(new DashboardOptions { MaxRendersPerSecond = 10 }));
        var renders = new List<long>();
        long lastRequest = 0;
        using var request = throttle.Register(() =>
        {
            lock (renders) renders.Add(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });

        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(1))
        {
            lastRequest = Stopwatch.GetTimestamp();
            request.Request();
            await Task.Delay(2);
        }

        await Task.Delay(300);
        lock (renders)
        {
            // Hundreds of requests over 1.3 s: at most one render per 100 ms, and more than one because renders
            // do not wait for the burst to end. (The lower bound is loose: the machine's cores are shared.)
            renders.Count.Should().BeInRange(2, 14);
            renders[^1].Should().BeGreaterThan(lastRequest, "the final state is always rendered");
        }
    }

    [Fact]
    public async Task Components_of_one_circuit_share_the_ticks_and_a_released_one_is_not_rendered()
    {
        using var throttle = new RenderThrottle(Options.Create(new DashboardOptions { MaxRendersPerSecond = 4 }));
        var a = 0;
        var b = 0;
        using var first = throttle.Register(() => { Interlocked.Increment(ref a); return Task.CompletedTask; });
        var second = throttle.Register(() => { Interlocked.Increment(ref b); return Task.CompletedTask; });

        first.Request();
        second.Request();
        await Until(() => throttle.Ticks == 1);
        (a, b).Should().Be((1, 1));

        first.Request();
        second.Request();
        second.Dispose();
        // On a busy machine the tick may fire between Request and Dispose; what matters is nothing after Dispose.
        var bAtRelease = Volatile.Read(ref b);
        await Until(() => throttle.Ticks == 2);
        await Task.Delay(50);
        a.Should().Be(2);
        b.Should().Be(bAtRelease, "a released component is never rendered again");
    }

    [Fact]
    public async Task A_render_on_a_closed_circuit_is_ignored()
    {
        using var throttle = new RenderThrottle(Options.Create(new DashboardOptions()));
        var calls = 0;
        using var request = throttle.Register(() =>
        {
            Interlocked.Increment(ref calls);
            throw new ObjectDisposedException("renderer");
        });

        request.Request();
        await Until(() => Volatile.Read(ref calls) == 1);
        request.Request();

        await Until(() => Volatile.Read(ref calls) == 2);
        throttle.Ticks.Should().Be(2, "the throttle keeps working after a render failed on a closed circuit");
    }

    /// <summary>Waits for a timer-driven condition; generous because the machine's two cores are shared.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the throttle should have ticked by now");
            await Task.Delay(10);
        }
    }
}
