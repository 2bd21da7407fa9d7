using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary><c>GET /api/v1/streams</c>, one stream, its fills and its equity curve: what the engine holds, snake_case, 404 for unknown streams.</summary>
public sealed class StreamApiTests(ApiTestApp fixture) : IClassFixture<ApiTestApp>
{
    private InProcessApp App => fixture.App;

    [Fact]
    public async Task Lists_every_stream_with_the_summary_the_status_endpoint_gives()
    {
        using var list = await GetJsonAsync("/api/v1/streams");
        using var status = await GetJsonAsync("/api/status");

        var streams = list.RootElement.GetProperty("streams").EnumerateArray().ToList();
        streams.Select(s => s.GetProperty("symbol").GetString() + " " + s.GetProperty("interval").GetString()).Should().Equal("LTCUSDT 1m");
        var summary = streams[0];
        var expected = status.RootElement.GetProperty("streams")[0];
        summary.GetProperty("candles").GetInt32().Should().Be(expected.GetProperty("candles").GetInt32()).And.Be(ApiTestApp.BufferCapacity);
        summary.GetProperty("last_close").GetDecimal().Should().Be(expected.GetProperty("lastClose").GetDecimal()).And.Be(ApiTestApp.Sample[^1].Close);
        summary.GetProperty("last_candle").GetProperty("open_time").GetInt64().Should().Be(ApiTestApp.Sample[^1].OpenTime);
        summary.GetProperty("cash").GetDecimal().Should().Be(expected.GetProperty("cash").GetDecimal());
        summary.GetProperty("position").GetDecimal().Should().Be(expected.GetProperty("position").GetDecimal());
        summary.GetProperty("equity").GetDecimal().Should().Be(expected.GetProperty("equity").GetDecimal());
        summary.GetProperty("pnl_percent").GetDecimal().Should().Be(expected.GetProperty("pnlPercent").GetDecimal());
        summary.GetProperty("fills").GetInt32().Should().Be(expected.GetProperty("fills").GetInt32()).And.BePositive();
        summary.GetProperty("last_signal").GetString().Should().Be(expected.GetProperty("lastSignal").GetString());
        summary.GetProperty("last_update").ValueKind.Should().Be(JsonValueKind.Number, "times are epoch milliseconds");
        summary.GetProperty("cash").ValueKind.Should().Be(JsonValueKind.Number, "decimals are JSON numbers");

        using var one = await GetJsonAsync("/api/v1/streams/LTCUSDT/1m");
        one.RootElement.GetRawText().Should().Be(summary.GetRawText());
    }

    [Fact]
    public async Task Fills_and_equity_are_the_trading_log_and_the_curve_the_engine_keeps()
    {
        var snapshot = fixture.Market.Snapshot(ApiTestApp.Stream);

        using var fills = await GetJsonAsync("/api/v1/streams/LTCUSDT/1m/fills");
        var rows = fills.RootElement.GetProperty("fills").EnumerateArray().ToList();
        rows.Should().HaveCount(snapshot.Fills.Count).And.NotBeEmpty();
        rows.Select(r => (r.GetProperty("open_time").GetInt64(), r.GetProperty("side").GetString()!, r.GetProperty("price").GetDecimal(),
                r.GetProperty("quantity").GetDecimal(), r.GetProperty("fee").GetDecimal(), r.GetProperty("cash_after").GetDecimal()))
            .Should().Equal(snapshot.Fills.Select(f => (f.CandleOpenTime, f.Side == TradeSide.Buy ? "BUY" : "SELL", f.Price, f.Quantity, f.Fee, f.CashAfter)));
        rows.Should().OnlyContain(r => r.GetProperty("reason").GetString() == "SIGNAL");

        using var equity = await GetJsonAsync("/api/v1/streams/LTCUSDT/1m/equity");
        equity.RootElement.GetProperty("starting_balance").GetDecimal().Should().Be(snapshot.StartingBalance);
        var points = equity.RootElement.GetProperty("points").EnumerateArray().ToList();
        points.Should().HaveCount(snapshot.EquityCurve.Count).And.NotBeEmpty();
        points.Select(p => (p.GetProperty("open_time").GetInt64(), p.GetProperty("equity").GetDecimal(), p.GetProperty("cash").GetDecimal()))
            .Should().Equal(snapshot.EquityCurve.Select(p => (p.OpenTime, p.Equity, p.Cash)));
    }

    [Theory]
    [InlineData("/api/v1/streams/BTCUSDT/1m", "BTCUSDT 1m is not a stream this node knows")]
    [InlineData("/api/v1/streams/LTCUSDT/5m/fills", "LTCUSDT 5m is not a stream this node knows")]
    [InlineData("/api/v1/streams/LTCUSDT/7m/equity", "'7m' is not a kline interval")]
    [InlineData("/api/v1/streams/ltcusdt/1m", "'ltcusdt' is not a symbol")]
    [InlineData("/api/v1/streams/NOPE/1m/candles", "NOPE 1m is not a stream this node or its archive knows")]
    [InlineData("/api/v1/streams/NOPE/1m/events", "NOPE 1m is not a stream this node knows")]
    [InlineData("/api/v1/streams/NOPE/1m/at?time=0", "NOPE 1m is not a stream this node or its archive knows")]
    public async Task An_unknown_stream_is_a_404_problem(string path, string detail)
    {
        using var response = await App.Client.GetAsync(path);

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, detail);
    }

    internal static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        problem.GetProperty("detail").GetString().Should().Contain(detail);
        return problem;
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await App.Client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
