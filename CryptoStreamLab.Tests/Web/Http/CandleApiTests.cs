using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Reliability;
using static CryptoStreamLab.Tests.Web.Http.ApiTestApp;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// <c>GET /api/v1/streams/{symbol}/{interval}/candles</c>: closed candles from the buffer and the archive, each with the indicators
/// and signal a whole-series engine gives it and the action the account took; <c>from</c>/<c>to</c>/<c>limit</c> validated.
/// </summary>
public sealed class CandleApiTests(ApiTestApp fixture) : IClassFixture<ApiTestApp>
{
    private InProcessApp App => fixture.App;

    [Fact]
    public async Task The_newest_candles_by_default_then_up_to_a_thousand_across_buffer_and_archive()
    {
        var page = await GetAsync("/api/v1/streams/LTCUSDT/1m/candles");
        page.GetProperty("limit").GetInt32().Should().Be(500);
        ShouldMatchReference(Candles(page), Sample.Count - 500, 500);

        var thousand = await GetAsync("/api/v1/streams/LTCUSDT/1m/candles?limit=1000");
        // The buffer holds the newest 200; the 800 before them come from the archive (the app archived its live candles).
        ShouldMatchReference(Candles(thousand), Sample.Count - 1_000, 1_000);
    }

    [Fact]
    public async Task A_range_in_milliseconds_or_ISO_8601_spanning_archive_and_buffer()
    {
        var firstBuffered = Sample.Count - BufferCapacity;
        var from = Sample[firstBuffered - 30].OpenTime;
        var to = Sample[firstBuffered + 20].OpenTime;

        var byMs = await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?from={from}&to={to}");
        ShouldMatchReference(Candles(byMs), firstBuffered - 30, 50);
        byMs.GetProperty("from").GetInt64().Should().Be(from);
        byMs.GetProperty("to").GetInt64().Should().Be(to);

        var iso = (long ms) => Uri.EscapeDataString(DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        var byIso = await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?from={iso(from)}&to={iso(to)}&limit=10");
        ShouldMatchReference(Candles(byIso), firstBuffered + 10, 10);
    }

    [Fact]
    public async Task Archived_candles_take_their_action_from_the_trading_log()
    {
        var page = await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?to={Sample[Sample.Count - BufferCapacity].OpenTime}&limit=1000");
        var candles = Candles(page);
        ShouldMatchReference(candles, Sample.Count - BufferCapacity - 1_000, 1_000);

        var fills = fixture.Market.Snapshot(ApiTestApp.Stream).Fills.ToDictionary(f => f.CandleOpenTime);
        candles.Where(c => fills.ContainsKey(c.GetProperty("open_time").GetInt64())).Should().NotBeEmpty("the archived range had trades");
        foreach (var candle in candles)
        {
            var expected = fills.TryGetValue(candle.GetProperty("open_time").GetInt64(), out var fill)
                ? (fill.Side == TradeSide.Buy ? "BUY" : "SELL")
                : "HOLD";
            candle.GetProperty("action").GetString().Should().Be(expected);
        }
    }

    [Fact]
    public async Task An_archived_candle_has_the_engine_s_signal_even_as_the_first_of_a_page()
    {
        var crosses = Enumerable.Range(100, Sample.Count - BufferCapacity - 100).Where(i => fixture.Reference[i].Signal != Signal.Hold).ToList();
        crosses.Should().HaveCountGreaterThan(10);
        foreach (var i in crosses)
        {
            // A page of one: the candle's crossing depends on the averages of the candle before it, outside the page.
            var page = await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?to={Sample[i + 1].OpenTime}&limit=1");
            ShouldMatchReference(Candles(page), i, 1);
        }
    }

    [Fact]
    public async Task Paging_back_reaches_the_first_archived_candle_then_an_empty_page()
    {
        var oldest = await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?to={Sample[3].OpenTime}");
        var candles = Candles(oldest);
        candles.Select(c => c.GetProperty("open_time").GetInt64()).Should().Equal(Sample.Take(3).Select(c => c.OpenTime));
        candles.Should().OnlyContain(c => c.GetProperty("ma_fast").ValueKind == JsonValueKind.Null && c.GetProperty("rsi").ValueKind == JsonValueKind.Null,
            "JSON has no NaN: an indicator warming up is null");

        Candles(await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?to={Sample[0].OpenTime}")).Should().BeEmpty();
        Candles(await GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?from={Sample[^1].OpenTime + 1}")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=1.5", "to")]
    [InlineData("to=", "to")]
    [InlineData("from=1769904000000&to=1769904000000", "from")]
    [InlineData("from=2026-02-02&to=2026-02-01", "from")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var response = await App.Client.GetAsync($"/api/v1/streams/LTCUSDT/1m/candles?{query}");

        var problem = await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, parameter);
        problem.GetProperty("parameter").GetString().Should().Be(parameter);
        problem.GetProperty("title").GetString().Should().Contain($"'{parameter}'");
    }

    private void ShouldMatchReference(List<JsonElement> candles, int first, int count)
    {
        candles.Should().HaveCount(count);
        for (var i = 0; i < count; i++)
        {
            var candle = candles[i];
            var expected = fixture.Reference[first + i];
            var at = $"candle {first + i}";
            candle.GetProperty("open_time").GetInt64().Should().Be(expected.Candle.OpenTime, at);
            candle.GetProperty("close_time").GetInt64().Should().Be(expected.Candle.CloseTime, at);
            candle.GetProperty("close").GetDecimal().Should().Be(expected.Candle.Close, at);
            candle.GetProperty("volume").GetDecimal().Should().Be(expected.Candle.Volume, at);
            candle.GetProperty("closed").GetBoolean().Should().BeTrue(at);
            candle.GetProperty("ma_fast").GetDouble().Should().BeApproximately(expected.FastMa, 1e-9, at);
            candle.GetProperty("ma_slow").GetDouble().Should().BeApproximately(expected.SlowMa, 1e-9, at);
            candle.GetProperty("rsi").GetDouble().Should().BeApproximately(expected.Rsi, 1e-9, at);
            candle.GetProperty("signal").GetString().Should().Be(expected.Signal.Token(), at);
        }
        // The buffer's candles carry the live engine's own action: what the account did on them.
        var live = fixture.Market.Snapshot(ApiTestApp.Stream).Evaluations.ToDictionary(e => e.Candle.OpenTime);
        foreach (var candle in candles)
        {
            if (live.TryGetValue(candle.GetProperty("open_time").GetInt64(), out var e))
                candle.GetProperty("action").GetString().Should().Be(e.Action.Token());
        }
    }

    private static List<JsonElement> Candles(JsonElement page) => page.GetProperty("candles").EnumerateArray().ToList();

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await App.Client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
