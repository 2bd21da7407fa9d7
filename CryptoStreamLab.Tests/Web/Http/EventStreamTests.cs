using System.Net;
using System.Net.Http.Headers;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Tests.Web.Components.Browser;
using CryptoStreamLab.Web.Http.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// <c>GET /api/v1/streams/{symbol}/{interval}/events</c> read by a real HttpClient over a real socket (the app on Kestrel at
/// 127.0.0.1): candles, signals and fills in order, nothing lost across a reconnect with Last-Event-ID, heartbeats, clean-up.
/// </summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    private const string Url = "api/v1/streams/LTCUSDT/1m/events";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private DashboardServer _server = null!;
    private HttpClient _http = null!;
    private CsvCandleFeeder _feeder = null!;

    private StreamDirectory Market => _server.Market;

    private StreamEventHub Hub => _server.Services.GetRequiredService<StreamEventHub>();

    public async Task InitializeAsync()
    {
        _server = await DashboardServer.StartAsync(ApiTestApp.Settings(new Dictionary<string, string?>
        {
            ["MarketData:BufferCapacity"] = "1000",
            ["Api:HeartbeatInterval"] = "00:00:00.200",
        }));
        _http = new HttpClient { BaseAddress = _server.Address, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _feeder = CsvCandleFeeder.ForSample(Market);
        _feeder.ApplyClosed(300);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Candles_signals_and_fills_arrive_in_order_and_none_is_missed()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var response = await ConnectAsync(lastEventId: null, cancel.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        // Fed as fast as the engine takes them, each candle as three open updates and its close: bursts the feed takes together.
        var feeding = Task.Run(() => Feed(400, openUpdates: 3), cancel.Token);
        var last = ApiTestApp.Sample[699].OpenTime;
        var events = await reader.ReadUntilAsync(e => e.Event == "candle" && e.OpenTime == last && e.Closed, cancel.Token);
        await feeding;

        events[0].Id.Should().Be($"{ApiTestApp.Sample[299].OpenTime}-1", "a new client starts with the newest candle");
        ShouldBeInOrder(events);
        ShouldMatchTheEngine(events, 299, 699);
        events.Should().Contain(e => e.Event == "fill").And.Contain(e => e.Event == "signal");
    }

    [Fact]
    public async Task Each_update_of_the_open_candle_is_streamed_with_its_preview_indicators()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var response = await ConnectAsync(lastEventId: null, cancel.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        await reader.ReadUntilAsync(e => e.Id == $"{ApiTestApp.Sample[299].OpenTime}-1", cancel.Token);

        // One update at a time, each read before the next is applied.
        using var updates = _feeder.NextCandleUpdates(openUpdates: 3).GetEnumerator();
        var seen = new List<SseItem>();
        while (updates.MoveNext())
        {
            var update = updates.Current;
            var item = (await reader.ReadUntilAsync(_ => true, cancel.Token)).Single();
            item.Id.Should().Be($"{update.OpenTime}-{(update.IsClosed ? 1 : 0)}");
            item.Json.GetProperty("close").GetDecimal().Should().Be(update.Close);
            item.Json.GetProperty("volume").GetDecimal().Should().Be(update.Volume);
            seen.Add(item);
        }
        seen.Select(e => e.Closed).Should().Equal(false, false, false, true);
        seen.Take(3).Should().OnlyContain(e => e.Json.GetProperty("signal").ValueKind == System.Text.Json.JsonValueKind.Null
            && e.Json.GetProperty("ma_fast").ValueKind == System.Text.Json.JsonValueKind.Number, "an open candle has a preview, no signal yet");
        seen[^1].Json.GetProperty("signal").GetString().Should().NotBeNull();
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_misses_nothing_and_gets_nothing_twice()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var subscribersBefore = Market.SubscriberCount;
        List<SseItem> first;
        using (var response = await ConnectAsync(lastEventId: null, cancel.Token))
        {
            var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            Feed(200, openUpdates: 2);
            var until = ApiTestApp.Sample[499].OpenTime;
            first = await reader.ReadUntilAsync(e => e.Event == "candle" && e.OpenTime == until && e.Closed, cancel.Token);
        }
        await Eventually.WaitAsync(() => Hub.ClientCount == 0 && Market.SubscriberCount == subscribersBefore, TimeSpan.FromSeconds(20), () => "the client to be cleaned up", cancel.Token);

        // While it is away: 200 more candles, with their signals and fills.
        Feed(200, openUpdates: 2);
        var lastId = first[^1].Id!;
        using var again = await ConnectAsync(lastId, cancel.Token);
        var resumed = new SseReader(await again.Content.ReadAsStreamAsync(cancel.Token));
        var live = Task.Run(() => Feed(50, openUpdates: 2), cancel.Token);
        var end = ApiTestApp.Sample[749].OpenTime;
        var second = await resumed.ReadUntilAsync(e => e.Event == "candle" && e.OpenTime == end && e.Closed, cancel.Token);
        await live;

        Position(second[0]).Should().BeGreaterThan(Position(first[^1]));
        var all = first.Concat(second).ToList();
        ShouldBeInOrder(all);
        ShouldMatchTheEngine(all, 299, 749);
    }

    [Fact]
    public async Task An_idle_stream_sends_keep_alive_comments()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var response = await ConnectAsync(lastEventId: null, cancel.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var comments = 0;
        while (comments < 2 && await reader.NextAsync(cancel.Token) is { } item)
        {
            if (item.IsComment) comments += item.Comment == "keep-alive" ? 1 : 0;
        }
        comments.Should().Be(2);
    }

    [Fact]
    public async Task Open_event_streams_end_when_the_app_stops()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var response = await ConnectAsync(lastEventId: null, cancel.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        (await reader.NextAsync(cancel.Token)).Should().NotBeNull();

        _server.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        // The stream ends rather than holding the shutdown up.
        while (await reader.NextAsync(cancel.Token) is not null)
        {
        }
        await Eventually.WaitAsync(() => Hub.ClientCount == 0, TimeSpan.FromSeconds(20), () => "the client to leave", cancel.Token);
    }

    [Fact]
    public async Task A_malformed_Last_Event_ID_is_a_400_problem_naming_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var response = await _http.SendAsync(request);

        var problem = await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "Last-Event-ID 'yesterday'");
        problem.GetProperty("parameter").GetString().Should().Be("Last-Event-ID");
    }

    private async Task<HttpResponseMessage> ConnectAsync(string? lastEventId, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/event-stream");
        return response;
    }

    private void Feed(int candles, int openUpdates)
    {
        for (var i = 0; i < candles; i++) _ = _feeder.NextCandleUpdates(openUpdates).Count();
    }

    private static EventPosition Position(SseItem item)
    {
        EventPosition.TryParse(item.Id, out var position).Should().BeTrue(item.Id);
        return position;
    }

    /// <summary>Ids never go back; only an open candle's updates share one; each id names its payload's candle and kind.</summary>
    private static void ShouldBeInOrder(List<SseItem> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var position = Position(events[i]);
            position.OpenTime.Should().Be(events[i].OpenTime, events[i].Id);
            position.Phase.Should().Be(events[i].Event switch
            {
                "candle" => events[i].Closed ? EventPhase.Closed : EventPhase.Open,
                "signal" => EventPhase.Signal,
                "fill" => EventPhase.Fill,
                var other => throw new InvalidOperationException($"unexpected event {other}"),
            });
            if (i == 0) continue;
            var previous = Position(events[i - 1]);
            if (position.Phase == EventPhase.Open && position == previous) continue;
            position.Should().BeGreaterThan(previous, $"event {i} ({events[i].Id}) after {events[i - 1].Id}");
        }
    }

    /// <summary>Every closed candle from <paramref name="first"/> to <paramref name="last"/> once, and exactly the engine's signals and fills.</summary>
    private void ShouldMatchTheEngine(List<SseItem> events, int first, int last)
    {
        var sample = ApiTestApp.Sample;
        events.Where(e => e.Event == "candle" && e.Closed).Select(e => (e.OpenTime, e.Json.GetProperty("close").GetDecimal()))
            .Should().Equal(Enumerable.Range(first, last - first + 1).Select(i => (sample[i].OpenTime, sample[i].Close)));

        var from = sample[first].OpenTime;
        var to = sample[last].OpenTime;
        var snapshot = Market.Snapshot(ApiTestApp.Stream);
        var evaluations = snapshot.Evaluations.Where(e => e.Candle.OpenTime >= from && e.Candle.OpenTime <= to).ToList();
        events.Where(e => e.Event == "signal").Select(e => (e.OpenTime, e.Json.GetProperty("signal").GetString()!, e.Json.GetProperty("action").GetString()!))
            .Should().Equal(evaluations.Where(e => e.Signal != Signal.Hold).Select(e => (e.Candle.OpenTime, e.Signal.Token(), e.Action.Token())));
        events.Where(e => e.Event == "fill").Select(e => (e.OpenTime, e.Json.GetProperty("side").GetString()!, e.Json.GetProperty("price").GetDecimal(),
                e.Json.GetProperty("quantity").GetDecimal()))
            .Should().Equal(evaluations.Where(e => e.Fill is not null)
                .Select(e => (e.Candle.OpenTime, e.Fill!.Value.Side == TradeSide.Buy ? "BUY" : "SELL", e.Fill.Value.Price, e.Fill.Value.Quantity)));
    }
}
