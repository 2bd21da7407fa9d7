using System.Text.Json;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary><c>GET /api/v1/status</c>, and the deprecated <c>/api/status</c> it answers for.</summary>
public sealed class StatusApiTests
{
    [Theory]
    [InlineData("/api/v1/status")]
    [InlineData("/api/status")]
    public async Task Each_stream_reports_its_newest_candle_open_or_closed(string path)
    {
        // Binance where nothing listens: the only candles are the ones this test applies.
        await using var app = new InProcessApp(new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = CsvCandleFeeder.Stream.Symbol,
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
        });
        await app.StartAsync();
        var market = app.Services.GetRequiredService<StreamDirectory>();

        (await NewestCandleAsync(app, path)).ValueKind.Should().Be(JsonValueKind.Null, "a stream without candles has no newest candle");

        var closed = CsvCandleFeeder.SampleCandles[0];
        var open = CsvCandleFeeder.SampleCandles[1] with { IsClosed = false };
        market.Apply(closed);
        market.Apply(open);

        var newest = await NewestCandleAsync(app, path);
        newest.GetProperty("openTime").GetInt64().Should().Be(open.OpenTime);
        newest.GetProperty("open").GetDecimal().Should().Be(open.Open);
        newest.GetProperty("high").GetDecimal().Should().Be(open.High);
        newest.GetProperty("low").GetDecimal().Should().Be(open.Low);
        newest.GetProperty("close").GetDecimal().Should().Be(open.Close);
        newest.GetProperty("closed").GetBoolean().Should().BeFalse();

        market.Apply(CsvCandleFeeder.SampleCandles[1]);
        (await NewestCandleAsync(app, path)).GetProperty("closed").GetBoolean().Should().BeTrue();
    }

    private static async Task<JsonElement> NewestCandleAsync(InProcessApp app, string path)
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync(path));
        var stream = json.RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("symbol").GetString() == CsvCandleFeeder.Stream.Symbol);
        return stream.GetProperty("lastCandle").Clone();
    }
}
