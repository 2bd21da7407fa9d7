using System.Text.Json;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>Alerts in the whole app: fills fed through the stream state reach real receivers; /api/status shows each webhook masked.</summary>
public sealed class AlertAppTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_each_fill_once_by_idempotency_key()
    {
        await using var flaky = await WebhookReceiver.FailingFirstAsync(2);
        await using var broken = await WebhookReceiver.FailingAsync();
        await using var app = new InProcessApp(new Dictionary<string, string?>(BusyStrategy.Settings)
        {
            // Binance where nothing listens: the only candles are the ones this test applies.
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = CsvCandleFeeder.Stream.Symbol,
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Alerts:Webhooks:0:Url"] = flaky.Url("/services/T0/B0/path-secret?key=query-secret"),
            ["Alerts:Webhooks:1:Url"] = broken.Url("/bot123:path-secret/sendMessage?chat_id=42"),
            ["Alerts:Webhooks:1:Format"] = "telegram",
            ["Alerts:MaxRetries"] = "2",
            ["Alerts:RetryDelay"] = "00:00:00.050",
            ["Alerts:MaxRetryDelay"] = "00:00:00.100",
        });
        await app.StartAsync();
        var market = app.Services.GetRequiredService<StreamDirectory>();

        CsvCandleFeeder.ForSample(market).ApplyClosed(3_000);
        var fills = market.Snapshot(CsvCandleFeeder.Stream).Fills;
        fills.Should().HaveCountGreaterThan(3, "the sample must trade a few times for this test to mean anything");
        await Eventually.WaitAsync(() => flaky.Accepted.Count >= fills.Count && app.Services.GetRequiredService<AlertDispatcher>().Status()
                .Webhooks[1].Failed >= fills.Count, Patience,
            () => $"{flaky.Accepted.Count} of {fills.Count} fills accepted");

        var expectedKeys = fills.Select(f => $"LTCUSDT-1m:fill:{f.CandleOpenTime}:{(f.Side == TradeSide.Buy ? "buy" : "sell")}").ToList();
        flaky.Accepted.Select(r => r.Key).Should().Equal(expectedKeys, "each fill is accepted once, in order, under its own key");
        flaky.Requests.Should().HaveCount(fills.Count + 2, "only the first fill needed retries");
        flaky.Requests.Take(3).Select(r => r.Key).Distinct().Should().ContainSingle("a retry carries the same idempotency key");
        foreach (var (request, fill) in flaky.Accepted.Zip(fills))
        {
            request.ContentType.Should().StartWith("application/json");
            var json = request.Json;
            json.GetProperty("event").GetString().Should().Be("fill");
            json.GetProperty("id").GetString().Should().Be(request.Key);
            json.GetProperty("node").GetString().Should().Be(market.Node);
            json.GetProperty("symbol").GetString().Should().Be("LTCUSDT");
            json.GetProperty("interval").GetString().Should().Be("1m");
            json.GetProperty("time").GetInt64().Should().Be(fill.CandleOpenTime);
            json.GetProperty("side").GetString().Should().Be(fill.Side == TradeSide.Buy ? "buy" : "sell");
            json.GetProperty("price").GetDecimal().Should().Be(fill.Price);
            json.GetProperty("quantity").GetDecimal().Should().Be(fill.Quantity);
            json.GetProperty("fee").GetDecimal().Should().Be(fill.Fee);
        }
        broken.Requests.Should().HaveCount(fills.Count * 3, "every attempt failed: the first and two retries");
        broken.Requests[0].Json.GetProperty("chat_id").GetString().Should().Be("42");
        broken.Requests[0].Json.GetProperty("text").GetString().Should().StartWith(fills[0].Side == TradeSide.Buy ? "BUY " : "SELL ");

        var statusText = await app.Client.GetStringAsync("/api/status");
        using var status = JsonDocument.Parse(statusText);
        var webhooks = status.RootElement.GetProperty("alerts").GetProperty("webhooks");
        var first = webhooks[0];
        first.GetProperty("url").GetString().Should().Be($"http://127.0.0.1:{flaky.BaseAddress.Port}/…");
        first.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().Equal("fill");
        first.GetProperty("format").GetString().Should().Be("json");
        first.GetProperty("delivered").GetInt64().Should().Be(fills.Count);
        first.GetProperty("failed").GetInt64().Should().Be(0);
        first.GetProperty("dropped").GetInt64().Should().Be(0);
        var second = webhooks[1];
        second.GetProperty("url").GetString().Should().Be($"http://127.0.0.1:{broken.BaseAddress.Port}/…");
        second.GetProperty("format").GetString().Should().Be("telegram");
        second.GetProperty("failed").GetInt64().Should().Be(fills.Count);
        second.GetProperty("lastError").GetString().Should().Contain("HTTP 500");
        statusText.Should().NotContain("secret").And.NotContain("chat_id");
        app.Logs.Messages.Should().NotContain(message => message.Contains("secret"));
    }

    [Fact]
    public async Task Kafka_going_down_is_alerted_once_per_outage()
    {
        await using var receiver = await WebhookReceiver.SucceedingAsync();
        await using var app = new InProcessApp(new Dictionary<string, string?>
        {
            ["Alerts:Webhooks:0:Url"] = receiver.Url(),
            ["Alerts:Webhooks:0:Events"] = "kafka-down",
            ["Alerts:CheckInterval"] = "00:00:00.200",
        });
        await app.StartAsync();
        var broker = app.Services.GetRequiredService<KafkaCluster>().EmbeddedBroker!;

        broker.SetDown();
        await Eventually.WaitAsync(() => receiver.Accepted.Count == 1, Patience, () => "no kafka-down alert");
        var alert = receiver.Accepted[0].Json;
        alert.GetProperty("event").GetString().Should().Be("kafka-down");
        alert.GetProperty("reason").GetString().Should().Contain("Kafka cannot be reached");
        alert.GetProperty("symbol").ValueKind.Should().Be(JsonValueKind.Null);

        broker.SetUp();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot().Connected, Patience, () => "Kafka never came back");
        receiver.Accepted.Should().ContainSingle("the outage was alerted once, however many checks saw it");
    }
}
