using System.Text.Json;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Alerts;

namespace CryptoStreamLab.Tests.Node.Alerts;

public sealed class AlertFormatTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);
    private static readonly Uri Hook = new("https://hooks.example.com/services/T0/B0/token");
    private static readonly AlertEvent Fill =
        AlertEvent.ForFill(Btc, new Fill(1_677_628_800_000, TradeSide.Buy, 27134.56m, 0.01000m, 0.0271346m, 9728.38m, 0.01m));

    [Fact]
    public void A_fill_reads_as_one_line_a_person_understands() =>
        AlertText.Of(Fill, "node-a").Should().Be("BUY 0.01 BTCUSDT @ 27134.56 (1m), fee 0.0271346");

    [Fact]
    public void The_json_body_carries_the_fields_of_the_event_and_its_deterministic_id()
    {
        using var json = JsonDocument.Parse(AlertBody.Of(Fill, AlertFormat.Json, "node-a", Hook));
        var root = json.RootElement;
        root.GetProperty("id").GetString().Should().Be("BTCUSDT-1m:fill:1677628800000:buy");
        root.GetProperty("event").GetString().Should().Be("fill");
        root.GetProperty("node").GetString().Should().Be("node-a");
        root.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        root.GetProperty("interval").GetString().Should().Be("1m");
        root.GetProperty("time").GetInt64().Should().Be(1_677_628_800_000);
        root.GetProperty("side").GetString().Should().Be("buy");
        root.GetProperty("price").GetDecimal().Should().Be(27134.56m);
        root.GetProperty("quantity").GetDecimal().Should().Be(0.01m);
        root.GetProperty("fee").GetDecimal().Should().Be(0.0271346m);
    }

    [Fact]
    public void Chat_formats_post_the_line_as_each_service_expects_it()
    {
        const string line = "BUY 0.01 BTCUSDT @ 27134.56 (1m), fee 0.0271346";
        Parse(AlertBody.Of(Fill, AlertFormat.Slack, "n", Hook)).Should().BeEquivalentTo(new Dictionary<string, string> { ["text"] = line });
        Parse(AlertBody.Of(Fill, AlertFormat.Discord, "n", Hook)).Should().BeEquivalentTo(new Dictionary<string, string> { ["content"] = line });
        Parse(AlertBody.Of(Fill, AlertFormat.Telegram, "n", new Uri("https://api.telegram.org/bot1:abc/sendMessage?chat_id=-100123")))
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["text"] = line, ["chat_id"] = "-100123" });
    }

    [Fact]
    public void A_signal_says_whether_the_account_acted_on_it()
    {
        var candle = new Candle("BTCUSDT", KlineInterval.OneMinute, 1_677_628_800_000, 1_677_628_859_999, 1, 2, 1, 1.5m, 1, 1, 1, true);
        var signal = AlertEvent.ForSignal(Btc, new Evaluation(candle, Evaluation.SeedSeries(1.4, 1.3, 72.456), Signal.Sell, Signal.Hold, null, 10_000, 0, 10_000, false));

        signal.Id.Should().Be("BTCUSDT-1m:signal:1677628800000:sell");
        AlertText.Of(signal, "n").Should().Be("SELL signal on BTCUSDT (1m) at close 1.5, RSI 72.46; the account did not act (HOLD)");
        using var json = JsonDocument.Parse(AlertBody.Of(signal, AlertFormat.Json, "n", Hook));
        json.RootElement.GetProperty("signal").GetString().Should().Be("sell");
        json.RootElement.GetProperty("action").GetString().Should().Be("hold");
        json.RootElement.GetProperty("rsi").GetDouble().Should().Be(72.456);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/XYZ", "https://hooks.slack.com/…")]
    [InlineData("https://user:pass@example.com:8443/hook?token=abc", "https://example.com:8443/…")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/…")]
    public void A_masked_url_keeps_only_scheme_host_and_port(string url, string masked) => SecretUrl.Mask(new Uri(url)).Should().Be(masked);

    [Fact]
    public void Text_quoting_a_url_is_scrubbed_of_its_path_query_and_credentials()
    {
        var url = new Uri("https://user:pass@example.com/bot123:secret/sendMessage?chat_id=42&token=abc");
        var scrubbed = SecretUrl.Scrub($"POST {url.OriginalString} failed; path {url.AbsolutePath}; query {url.Query}; user {url.UserInfo}", url);

        scrubbed.Should().NotContain("secret").And.NotContain("token=abc").And.NotContain("pass").And.Contain("https://example.com/…");
    }

    private static Dictionary<string, string> Parse(string body) => JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
}
