using System.Net;
using System.Text.Json;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class BinanceMarketDataSourceTests
{
    private const string Btc = "BTCUSDT";

    [Fact]
    public async Task Backfill_paginates_at_1000_klines_and_publishes_every_closed_candle_once()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(2500));
        await using var fake = await FakeBinance.StartAsync(clock, c => c.HoldAsync());
        await using var harness = new MarketDataHarness(
            MarketDataHarness.BinanceSettings(fake, TimeSpan.FromMinutes(2500) + TimeSpan.FromSeconds(30)), clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(2499), because: "for the last closed candle");

        fake.KlineRequests.Select(r => (r.StartTime, r.Limit)).Should().Equal(
            (FakeMarket.OpenTime(0), 1000), (FakeMarket.OpenTime(1000), 1000), (FakeMarket.OpenTime(2000), 1000));
        fake.KlineRequests.Should().OnlyContain(r => r.Symbol == Btc && r.Interval == "1m");
        var closed = harness.Publisher.ClosedCandles;
        closed.Select(c => c.OpenTime).Should().Equal(Enumerable.Range(0, 2500).Select(i => FakeMarket.OpenTime(i)),
            "candles 0..2499 are closed and 2500 is still open, so it is left to the stream");
        closed[1234].Should().Be(FakeMarket.Closed(Btc, 1234));
        fake.StreamRequests.Single().Query.Should().Be("?streams=btcusdt@kline_1m");
        harness.Status.Snapshot().Connected.Should().BeTrue();
    }

    [Theory]
    [InlineData(2_000, 2_001)]
    [InlineData(100, 500)]
    public async Task At_start_the_backfill_begins_after_the_newest_archived_candle_within_the_look_back(int archived, int firstFetched)
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(2500));
        await using var fake = await FakeBinance.StartAsync(clock, c => c.HoldAsync());
        await using var harness = new MarketDataHarness(
            MarketDataHarness.BinanceSettings(fake, TimeSpan.FromMinutes(2000) + TimeSpan.FromSeconds(30)), clock,
            key => key == new CryptoStreamLab.Core.Market.StreamKey(Btc, CryptoStreamLab.Core.Market.KlineInterval.OneMinute) ? FakeMarket.OpenTime(archived) : null);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(2499), because: "for the last closed candle");

        fake.KlineRequests.First().StartTime.Should().Be(FakeMarket.OpenTime(firstFetched));
        harness.Publisher.ClosedCandles.Select(c => c.OpenTime).Should().Equal(
            Enumerable.Range(firstFetched, 2500 - firstFetched).Select(i => FakeMarket.OpenTime(i)), "the archive holds the rest");
    }

    [Fact]
    public async Task After_a_drop_the_feed_resumes_and_the_gap_is_filled_from_rest_with_no_closed_candle_missing_or_duplicated()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(10));
        RecordingPublisher? publisher = null;
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            if (connection.Number == 1)
            {
                await connection.SendKlineAsync(Btc, 10, closed: false);
                await connection.SendKlineAsync(Btc, 10, closed: true);
                await connection.SendKlineAsync(Btc, 11, closed: false);
                await publisher!.WaitForAsync(c => !c.IsClosed && c.OpenTime == FakeMarket.OpenTime(11));
                // Candles 11, 12 and 13 close while the client is cut off.
                clock.SetUtcNow(FakeMarket.During(14));
                connection.Drop();
                return;
            }
            // The overlap a real reconnect produces: the socket repeats a candle REST already delivered.
            await connection.SendKlineAsync(Btc, 13, closed: true);
            await connection.SendKlineAsync(Btc, 14, closed: false);
            await connection.SendKlineAsync(Btc, 14, closed: true);
            await connection.HoldAsync();
        });
        await using var harness = new MarketDataHarness(
            MarketDataHarness.BinanceSettings(fake, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30)), clock);
        publisher = harness.Publisher;

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(14), because: "for candle 14's close after the reconnect");

        harness.Publisher.ClosedCandles.Select(c => c.OpenTime).Should().Equal(
            Enumerable.Range(0, 15).Select(i => FakeMarket.OpenTime(i)), "every closed candle exactly once, in order");
        harness.Publisher.ClosedCandles.Should().OnlyContain(c => c == FakeMarket.Closed(Btc, (c.OpenTime - FakeMarket.T0) / FakeMarket.Minute));
        fake.Connections.Should().Be(2);
        fake.KlineRequests.Select(r => r.StartTime).Should().Equal(FakeMarket.OpenTime(0), FakeMarket.OpenTime(11));
        var status = harness.Status.Snapshot();
        status.Reconnects.Should().Be(1);
        status.Connected.Should().BeTrue();
        status.LastError.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task With_no_look_back_a_candle_that_closes_during_a_drop_is_still_filled_from_rest()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(1));
        RecordingPublisher? publisher = null;
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            if (connection.Number == 1)
            {
                await connection.SendKlineAsync(Btc, 1, closed: false);
                await publisher!.WaitForAsync(c => c.OpenTime == FakeMarket.OpenTime(1));
                clock.SetUtcNow(FakeMarket.During(3));
                connection.Drop();
                return;
            }
            await connection.HoldAsync();
        });
        await using var harness = new MarketDataHarness(MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero), clock);
        publisher = harness.Publisher;

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(2), because: "for the candles closed during the drop");

        harness.Publisher.ClosedCandles.Select(c => c.OpenTime).Should().Equal(FakeMarket.OpenTime(1), FakeMarket.OpenTime(2));
        fake.KlineRequests.Last().StartTime.Should().Be(FakeMarket.OpenTime(1), "the first candle seen open is where the gap starts");
    }

    [Fact]
    public async Task Malformed_frames_are_counted_and_skipped_without_dropping_the_connection()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(5));
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            await connection.SendKlineAsync(Btc, 5, closed: false);
            await connection.SendTextAsync("this is not json");
            await connection.SendTextAsync("""{"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1,"T":2,"s":"BTCUSDT","i":"1m"}}}""");
            await connection.SendTextAsync(FakeMarket.Frame(FakeMarket.Closed(Btc, 5) with { High = 1m }));
            await connection.SendBinaryAsync([1, 2, 3]);
            await connection.SendTextAsync("""{"result":null,"id":1}""");
            await connection.SendKlineAsync(Btc, 5, closed: true);
            await connection.HoldAsync();
        });
        await using var harness = new MarketDataHarness(MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero), clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(5));

        harness.Publisher.Candles.Should().Equal(FakeMarket.Open(Btc, 5), FakeMarket.Closed(Btc, 5));
        var status = harness.Status.Snapshot();
        status.Malformed.Should().Be(4);
        status.Messages.Should().Be(7);
        status.LastError.Should().Contain("malformed frame #5").And.Contain("binary");
        harness.Logs.Lines.Should().Contain(l => l.Contains("malformed frame #2") && l.Contains("invalid JSON"));
        harness.Logs.Lines.Should().Contain(l => l.Contains("malformed frame #3") && l.Contains("\"o\""));
        harness.Logs.Lines.Should().Contain(l => l.Contains("malformed frame #4") && l.Contains("high 1"));
        fake.Connections.Should().Be(1);
    }

    [Fact]
    public async Task A_429_is_honoured_by_waiting_for_retry_after_before_asking_again()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(3));
        await using var fake = await FakeBinance.StartAsync(clock, c => c.HoldAsync());
        fake.FailNextRest(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        await using var harness = new MarketDataHarness(
            MarketDataHarness.BinanceSettings(fake, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(30)), clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(2));

        var requests = fake.KlineRequests.ToList();
        requests.Should().HaveCount(2);
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThan(TimeSpan.FromMilliseconds(950),
            "the reconnect delay is at most 200 ms, so only Retry-After explains the wait");
        harness.Publisher.ClosedCandles.Select(c => c.OpenTime).Should().Equal(FakeMarket.OpenTime(0), FakeMarket.OpenTime(1), FakeMarket.OpenTime(2));
        harness.Status.Snapshot().LastError.Should().Contain("HTTP 429").And.Contain("retrying after 1 s");
    }

    [Fact]
    public async Task Handshake_refusals_are_explained_451_with_the_binance_us_urls_and_429_by_waiting_retry_after()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(1));
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            await connection.SendKlineAsync(Btc, 1, closed: true);
            await connection.HoldAsync();
        });
        fake.FailNextHandshake(HttpStatusCode.UnavailableForLegalReasons);
        fake.FailNextHandshake(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        await using var harness = new MarketDataHarness(MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero), clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        // The status moves on to the 429 within milliseconds, so the 451's message is checked in the log.
        await Eventually.WaitAsync(() => harness.Logs.Lines.Any(l => l.Contains("HTTP 451")), TimeSpan.FromSeconds(10), () => "the 451 to be reported");
        harness.Logs.Lines.Should().ContainSingle(l => l.StartsWith("Warning ") && l.Contains("HTTP 451") && l.Contains("https://api.binance.us") && l.Contains("wss://stream.binance.us:9443"));
        await harness.Publisher.WaitForAsync(c => c.IsClosed, because: "after the refusals");

        harness.Status.Snapshot().LastError.Should().Contain("429");
        var handshakes = fake.StreamRequests.Select(r => r.ReceivedAt).ToList();
        handshakes.Should().HaveCount(3);
        (handshakes[2] - handshakes[1]).Should().BeGreaterThan(TimeSpan.FromMilliseconds(950),
            "the reconnect delay is at most 200 ms, so only the 429's Retry-After of 1 s explains the wait");
        harness.Status.Snapshot().Reconnects.Should().Be(2);
    }

    [Fact]
    public async Task Silence_beyond_the_timeout_counts_as_a_drop()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(1));
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            await connection.SendKlineAsync(Btc, 1, closed: false);
            await connection.HoldAsync(TimeSpan.FromSeconds(10));
        });
        var settings = MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero);
        settings["MarketData:Binance:SilenceTimeout"] = "00:00:00.400";
        await using var harness = new MarketDataHarness(settings, clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await Eventually.WaitAsync(() => fake.Connections >= 2, TimeSpan.FromSeconds(10), () => "a second connection after the silence");

        harness.Status.Snapshot().LastError.Should().Contain("no message from Binance for 0.4 s");
    }

    /// <summary>Pings often, and drops a client that has not answered one within a second (<see cref="FakeBinancePingTests"/>).</summary>
    internal static readonly (TimeSpan Interval, TimeSpan PongTimeout) StrictPings = (TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Protocol_pings_are_answered_so_a_quiet_but_healthy_connection_stays_up()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(1));
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            await connection.SendKlineAsync(Btc, 1, closed: false);
            // Quiet for well over the pong timeout: only answered pings keep the connection up.
            await connection.HoldAsync(StrictPings.PongTimeout * 3);
            await connection.SendKlineAsync(Btc, 1, closed: true);
            await connection.HoldAsync();
        }, StrictPings.Interval, StrictPings.PongTimeout);
        await using var harness = new MarketDataHarness(MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero), clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(1));

        fake.Connections.Should().Be(1);
        harness.Status.Snapshot().Reconnects.Should().Be(0);
        harness.Publisher.Candles.Should().Equal(FakeMarket.Open(Btc, 1), FakeMarket.Closed(Btc, 1));
    }

    [Fact]
    public async Task Server_shutdown_event_and_server_close_lead_to_a_prompt_reconnect()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(1));
        await using var fake = await FakeBinance.StartAsync(clock, async connection =>
        {
            switch (connection.Number)
            {
                case 1:
                    // Both hold far longer than the wait for the candle below: only the client's own prompt reconnect gets there.
                    await connection.SendTextAsync("""{"e":"serverShutdown","E":1767225600000}""");
                    await connection.HoldAsync();
                    break;
                case 2:
                    await connection.CloseAsync("24 hour limit");
                    await connection.HoldAsync();
                    break;
                default:
                    await connection.SendKlineAsync(Btc, 1, closed: true);
                    await connection.HoldAsync();
                    break;
            }
        });
        var settings = MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero);
        settings["MarketData:Binance:SilenceTimeout"] = "00:01:00"; // nor may the silence timeout be what ends them
        await using var harness = new MarketDataHarness(settings, clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(1));

        fake.Connections.Should().Be(3);
        harness.Status.Snapshot().Reconnects.Should().Be(2);
        harness.Logs.Lines.Should().Contain(l => l.Contains("Binance announced a server shutdown"));
        harness.Logs.Lines.Should().Contain(l => l.Contains("server closed the connection (NormalClosure: 24 hour limit)"));
    }

    [Fact]
    public async Task Offline_the_source_stays_up_reports_the_reason_and_keeps_retrying_with_backoff()
    {
        var settings = new Dictionary<string, string?>
        {
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["MarketData:Binance:ReconnectMinDelay"] = "00:00:00.050",
            ["MarketData:Binance:ReconnectMaxDelay"] = "00:00:00.400",
        };
        await using var harness = new MarketDataHarness(settings);

        harness.StartSource(MarketDataSourceKind.Binance);
        await Eventually.WaitAsync(() => harness.Status.Reconnects >= 3, TimeSpan.FromSeconds(10), () => "three retries");

        harness.Running!.IsCompleted.Should().BeFalse("the source keeps retrying instead of giving up");
        var status = harness.Status.Snapshot();
        status.Connected.Should().BeFalse();
        status.Source.Should().Be("Binance");
        status.LastError.Should().Contain("ws://127.0.0.1:1/stream").And.Contain("refused");
        status.State.Should().MatchRegex("^(connecting|reconnecting in .* s)$");
        var report = await harness.Get<HealthCheckService>().CheckHealthAsync();
        report.Entries["market-data"].Status.Should().Be(HealthStatus.Degraded);
        report.Entries["market-data"].Description.Should().Contain("not connected").And.Contain("refused");
    }

    [Fact]
    public async Task An_api_key_is_sent_as_a_header_but_never_appears_in_status_or_logs()
    {
        const string key = "k3y-that-must-stay-secret";
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(2));
        await using var fake = await FakeBinance.StartAsync(clock, c => c.HoldAsync());
        fake.FailNextRest(HttpStatusCode.BadRequest);
        var settings = MarketDataHarness.BinanceSettings(fake, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(30));
        settings["MarketData:Binance:ApiKey"] = key;
        await using var harness = new MarketDataHarness(settings, clock);

        harness.StartSource(MarketDataSourceKind.Binance);
        await harness.Publisher.WaitForAsync(c => c.IsClosed && c.OpenTime == FakeMarket.OpenTime(1));

        fake.KlineRequests.Should().OnlyContain(r => r.ApiKeyHeader == key);
        JsonSerializer.Serialize(harness.Status.Snapshot()).Should().NotContain(key).And.Contain("HTTP 400");
        harness.Logs.Lines.Should().NotBeEmpty().And.NotContain(l => l.Contains(key));
    }
}

public sealed class FakeBinancePingTests
{
    [Fact]
    public async Task The_fake_drops_a_client_that_never_answers_pings_so_the_ping_test_can_fail()
    {
        var held = new TaskCompletionSource<System.Net.WebSockets.WebSocketState>();
        var (interval, pongTimeout) = BinanceMarketDataSourceTests.StrictPings;
        await using var fake = await FakeBinance.StartAsync(SteppedTime.WithRealTimers(FakeMarket.During(1)), async connection =>
        {
            await connection.HoldAsync(TimeSpan.FromSeconds(60));
            held.TrySetResult(connection.State);
        }, interval, pongTimeout);
        using var client = new System.Net.WebSockets.ClientWebSocket();
        await client.ConnectAsync(new Uri(fake.WebSocketBaseUrl + "/stream?streams=btcusdt@kline_1m"), CancellationToken.None);

        // The client never reads, so it never sees the pings and never pongs.
        var state = await held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        state.Should().Be(System.Net.WebSockets.WebSocketState.Aborted, "the keep-alive timeout, not the 60 s hold, ended the connection");
        var act = async () => await client.ReceiveAsync(new byte[64], CancellationToken.None);
        await act.Should().ThrowAsync<System.Net.WebSockets.WebSocketException>();
    }
}
