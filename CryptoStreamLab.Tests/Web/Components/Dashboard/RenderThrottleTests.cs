using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>On a fake clock: the throttle's timer fires inside <see cref="SteppedTime"/>'s Advance, and renders with it.</summary>
public sealed class RenderThrottleTests
{
    private readonly SteppedTime _time = new();

    private RenderThrottle Throttle(int maxRendersPerSecond) =>
        new(Options.Create(new DashboardOptions { MaxRendersPerSecond = maxRendersPerSecond }), _time);

    [Fact]
    public void A_burst_of_requests_renders_at_most_the_limit_and_always_renders_after_the_last_request()
    {
        using var throttle = Throttle(10);
        var renders = new List<DateTimeOffset>();
        using var request = throttle.Register(() =>
        {
            renders.Add(_time.GetUtcNow());
            return Task.CompletedTask;
        });

        // A request every 2 ms for a second, then quiet.
        var start = _time.GetUtcNow();
        for (var i = 0; i < 500; i++)
        {
            request.Request();
            _time.Advance(TimeSpan.FromMilliseconds(2));
        }
        var lastRequest = _time.GetUtcNow() - TimeSpan.FromMilliseconds(2);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        renders.Zip(renders.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap >= TimeSpan.FromMilliseconds(100), "at most 10 renders a second");
        renders.Should().HaveCountGreaterThanOrEqualTo(10, "renders do not wait for the burst to end")
            .And.Contain(t => t <= start + TimeSpan.FromMilliseconds(100), "the first request renders at once");
        renders[^1].Should().BeAfter(lastRequest, "the final state is always rendered");
    }

    [Fact]
    public void Components_of_one_circuit_share_the_ticks_and_a_released_one_is_not_rendered()
    {
        using var throttle = Throttle(4);
        var (a, b) = (0, 0);
        using var first = throttle.Register(() => { a++; return Task.CompletedTask; });
        var second = throttle.Register(() => { b++; return Task.CompletedTask; });

        first.Request();
        second.Request();
        _time.Advance(SteppedTime.Instant);
        (throttle.Ticks, a, b).Should().Be((1, 1, 1));

        first.Request();
        second.Request();
        second.Dispose();
        _time.Advance(TimeSpan.FromMilliseconds(250));
        (throttle.Ticks, a, b).Should().Be((2, 2, 1), "a released component is never rendered again");
    }

    [Fact]
    public void A_render_on_a_closed_circuit_is_ignored()
    {
        using var throttle = Throttle(4);
        var calls = 0;
        using var request = throttle.Register(() =>
        {
            calls++;
            throw new ObjectDisposedException("renderer");
        });

        request.Request();
        _time.Advance(SteppedTime.Instant);
        request.Request();
        _time.Advance(TimeSpan.FromMilliseconds(250));

        (throttle.Ticks, calls).Should().Be((2, 2), "the throttle keeps working after a render failed on a closed circuit");
    }
}
