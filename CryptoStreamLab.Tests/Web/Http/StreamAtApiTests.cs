using System.Globalization;
using System.Net;
using System.Text.Json;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// <c>GET …/at?time=</c> on <see cref="StrategiesApiApp"/>'s LTCUSDT (1,500 candles archived before the app started, 1,500
/// applied live, the newest 200 in the buffer): each strategy's series, signal and action at a time are those the candles API
/// reported for that candle, its account those of its equity curve and trading log there; before the accounts started they
/// are at the starting balance; a time outside the history is a 400 naming the range there is.
/// </summary>
public sealed class StreamAtApiTests(StrategiesApiApp fixture) : IClassFixture<StrategiesApiApp>
{
    private const string Stream = "/api/v1/streams/LTCUSDT/1m";

    private InProcessApp App => fixture.App;

    [Theory]
    [InlineData("CrossoverRsi")]
    [InlineData("DonchianBreakout")]
    [InlineData("bb")]
    public async Task The_series_signal_action_and_account_at_a_time_are_those_the_live_api_reported_for_its_candle(string strategy)
    {
        App.Services.GetRequiredService<LedgerRecorder>().WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue();
        // The buffer's candles: the live engine's own evaluations, and the account's curve and trading log.
        using var page = await GetJsonAsync($"{Stream}/candles?strategy={strategy}&limit={ApiTestApp.BufferCapacity}");
        using var curve = await GetJsonAsync($"{Stream}/equity?strategy={strategy}");
        using var log = await GetJsonAsync($"{Stream}/fills?strategy={strategy}");
        var candles = page.RootElement.GetProperty("candles").EnumerateArray().ToList();
        var points = curve.RootElement.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("open_time").GetInt64());
        var fills = log.RootElement.GetProperty("fills").EnumerateArray().ToList();
        candles.Should().HaveCount(ApiTestApp.BufferCapacity);
        var traded = candles.Where(c => c.GetProperty("action").GetString() != "HOLD").Take(3).ToList();
        traded.Should().NotBeEmpty("the comparison needs candles the account traded on");
        var checkedCandles = new[] { candles[0], candles[57], candles[^1] }.Concat(traded).ToList();
        foreach (var candle in checkedCandles)
        {
            var openTime = candle.GetProperty("open_time").GetInt64();
            // Half-way through the candle, and at its open as ISO-8601: the same moment.
            foreach (var time in new[] { (openTime + 30_000).ToString(CultureInfo.InvariantCulture), Iso(openTime) })
            {
                using var at = await GetJsonAsync($"{Stream}/at?time={time}&strategy={strategy}");
                var s = at.RootElement;
                var because = $"{strategy} at {time}";
                s.GetProperty("strategy").GetString().Should().Be(strategy, because);
                s.GetProperty("as_of").GetInt64().Should().Be(openTime, because);
                var c = s.GetProperty("candle");
                c.GetProperty("open_time").GetInt64().Should().Be(openTime, because);
                c.GetProperty("close_time").GetInt64().Should().Be(candle.GetProperty("close_time").GetInt64(), because);
                // Written as the live candle is, whether the copy read was the buffer's or the archive's (eight decimals).
                foreach (var field in new[] { "open", "high", "low", "close", "volume" })
                    c.GetProperty(field).GetRawText().Should().Be(candle.GetProperty(field).GetRawText(), $"{because}: {field}");
                s.GetProperty("series").GetRawText().Should().Be(candle.GetProperty("series").GetRawText(), because);
                s.GetProperty("signal").GetString().Should().Be(candle.GetProperty("signal").GetString(), because);
                s.GetProperty("action").GetString().Should().Be(candle.GetProperty("action").GetString(), because);

                var point = points[openTime];
                s.GetProperty("account_as_of").GetInt64().Should().Be(openTime, because);
                s.GetProperty("cash").GetDecimal().Should().Be(point.GetProperty("cash").GetDecimal(), because);
                s.GetProperty("quantity").GetDecimal().Should().Be(point.GetProperty("quantity").GetDecimal(), because);
                s.GetProperty("equity").GetDecimal().Should().Be(point.GetProperty("equity").GetDecimal(), because);
                s.GetProperty("position").GetString().Should().Be(point.GetProperty("quantity").GetDecimal() > 0 ? "LONG" : "FLAT", because);
                s.GetProperty("fills").EnumerateArray().Select(f => f.GetRawText()).Should()
                    .Equal(fills.Where(f => f.GetProperty("open_time").GetInt64() <= openTime).TakeLast(StreamRewind.FillCount).Select(f => f.GetRawText()), because);
            }
        }
    }

    [Theory]
    [InlineData("CrossoverRsi")]
    [InlineData("bb")]
    public async Task Before_the_account_started_it_is_at_its_starting_balance_with_the_whole_series_engine_s_values(string strategy)
    {
        var reference = fixture.Reference(strategy);
        foreach (var index in new[] { 0, 10, 1_000, ApiTestApp.Archived - 1 })
        {
            var expected = reference[index];
            using var at = await GetJsonAsync($"{Stream}/at?time={expected.Candle.OpenTime + 59_999}&strategy={strategy}");
            var s = at.RootElement;
            var because = $"{strategy} at candle {index}";
            s.GetProperty("as_of").GetInt64().Should().Be(expected.Candle.OpenTime, because);
            s.GetProperty("signal").GetString().Should().Be(expected.Signal.Token(), because);
            var series = s.GetProperty("series").EnumerateObject().ToList();
            series.Should().HaveCount(fixture.View(strategy).SeriesSpecs.Count);
            for (var k = 0; k < series.Count; k++)
            {
                if (double.IsNaN(expected.Series[k])) series[k].Value.ValueKind.Should().Be(JsonValueKind.Null, $"{because}: warming up");
                else series[k].Value.GetDouble().Should().BeApproximately(expected.Series[k], 1e-9, because);
            }
            // The app started after the archived candles: its accounts never saw them.
            s.GetProperty("account_as_of").ValueKind.Should().Be(JsonValueKind.Null, because);
            s.GetProperty("cash").GetDecimal().Should().Be(new TradingOptions().StartingBalance, because);
            s.GetProperty("equity").GetDecimal().Should().Be(new TradingOptions().StartingBalance, because);
            s.GetProperty("quantity").GetDecimal().Should().Be(0, because);
            s.GetProperty("position").GetString().Should().Be("FLAT", because);
            s.GetProperty("action").GetString().Should().Be("HOLD", because);
            s.GetProperty("fills").GetArrayLength().Should().Be(0, because);
        }
    }

    [Fact]
    public async Task The_history_runs_from_the_first_candle_s_open_to_the_newest_closed_candle_s_close()
    {
        var first = ApiTestApp.Sample[0];
        var last = ApiTestApp.Sample[^1];
        using (var at = await GetJsonAsync($"{Stream}/at?time={first.OpenTime}"))
            at.RootElement.GetProperty("as_of").GetInt64().Should().Be(first.OpenTime);
        using (var at = await GetJsonAsync($"{Stream}/at?time={last.CloseTime}"))
        {
            at.RootElement.GetProperty("as_of").GetInt64().Should().Be(last.OpenTime);
            at.RootElement.GetProperty("strategy").GetString().Should().Be("CrossoverRsi", "the stream's first strategy by default");
        }
    }

    [Theory]
    [InlineData(-1, "before the stream's history")]
    [InlineData(1, "after the stream's newest closed candle")]
    [InlineData(0, "after the stream's newest closed candle")]
    public async Task A_time_outside_the_history_is_a_400_naming_the_range_there_is(int side, string where)
    {
        var first = ApiTestApp.Sample[0];
        var last = ApiTestApp.Sample[^1];
        // 0: a time in the future, as ISO-8601.
        var time = side switch
        {
            < 0 => (first.OpenTime - 1).ToString(CultureInfo.InvariantCulture),
            > 0 => (last.CloseTime + 1).ToString(CultureInfo.InvariantCulture),
            _ => Iso(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()),
        };

        using var response = await App.Client.GetAsync($"{Stream}/at?time={time}&strategy=bb");

        var problem = await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, where);
        problem.GetProperty("parameter").GetString().Should().Be("time");
        problem.GetProperty("first_open_time").GetInt64().Should().Be(first.OpenTime);
        problem.GetProperty("last_open_time").GetInt64().Should().Be(last.OpenTime);
        problem.GetProperty("last_close_time").GetInt64().Should().Be(last.CloseTime);
        problem.GetProperty("detail").GetString().Should().Contain($"from the one opening 2026-02-01T00:00:00Z ({first.OpenTime})")
            .And.Contain($"({last.OpenTime}) and closing").And.Contain($"({last.CloseTime})");
    }

    [Theory]
    [InlineData("", "time is required")]
    [InlineData("?time=", "time is required")]
    [InlineData("?time=yesterday", "time 'yesterday' is not a date or time")]
    public async Task A_missing_or_malformed_time_is_a_400(string query, string detail)
    {
        using var response = await App.Client.GetAsync($"{Stream}/at{query}");

        var problem = await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, detail);
        problem.GetProperty("parameter").GetString().Should().Be("time");
    }

    private static string Iso(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await App.Client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
