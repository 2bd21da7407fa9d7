using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>The app with 1,500 archived LTCUSDT candles and no live ones, shared by the read-only tests of the candles route.</summary>
public sealed class ArchivedStreamApp : IAsyncLifetime
{
    // Binance where nothing listens: no stream gets live candles; LTCUSDT is known only from its archive.
    public InProcessApp App { get; } = new(new Dictionary<string, string?>
    {
        ["MarketData:Source"] = "Binance",
        ["MarketData:Symbols:0"] = "BTCUSDT",
        ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
        ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
    });

    public async Task InitializeAsync()
    {
        var root = Path.Combine(App.Folder, "archive");
        foreach (var day in CsvCandleFeeder.SampleCandles.Take(1_500).GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(root, day.Key), day.ToList());
        await App.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// <c>GET /api/v1/streams/{symbol}/{interval}/candles?before=</c>, and the deprecated <c>/api/streams/…/candles</c> it answers for:
/// older candles for programs, a page at a time, backwards.
/// </summary>
public sealed class CandlePagingTests(ArchivedStreamApp fixture) : IClassFixture<ArchivedStreamApp>
{
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;

    private static readonly string[] Prefixes = ["/api", "/api/v1"];

    private InProcessApp App => fixture.App;

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    public async Task Pages_back_through_an_archived_stream_with_its_indicators(string prefix)
    {
        var first = await GetAsync($"{prefix}/streams/LTCUSDT/1m/candles?before={Sample[1_200].OpenTime}&limit=3");

        first.GetProperty("symbol").GetString().Should().Be("LTCUSDT");
        first.GetProperty("interval").GetString().Should().Be("1m");
        first.GetProperty("limit").GetInt32().Should().Be(3);
        first.GetProperty("before").GetInt64().Should().Be(Sample[1_200].OpenTime);
        first.GetProperty("more").GetBoolean().Should().BeTrue();
        Candles(first).Select(c => (OpenTime(c), c.GetProperty("close").GetDecimal()))
            .Should().Equal(Sample.Skip(1_197).Take(3).Select(c => (c.OpenTime, c.Close)));
        Candles(first)[^1].GetProperty("ma_slow").GetDouble().Should().BeApproximately((double)Sample.Skip(1_150).Take(50).Average(c => c.Close), 1e-9);
        Candles(first).Should().OnlyContain(c => c.GetProperty("ma_fast").ValueKind == JsonValueKind.Number &&
                                                 c.GetProperty("rsi").GetDouble() >= 0 && c.GetProperty("rsi").GetDouble() <= 100);

        // The first candle's open time as the next `before`: the page just older.
        var previous = await GetAsync($"{prefix}/streams/LTCUSDT/1m/candles?before={OpenTime(Candles(first)[0])}&limit=3");
        Candles(previous).Select(OpenTime).Should().Equal(Sample.Skip(1_194).Take(3).Select(c => c.OpenTime));
        previous.GetProperty("more").GetBoolean().Should().BeTrue();

        var newest = await GetAsync($"{prefix}/streams/LTCUSDT/1m/candles?limit=2");
        Candles(newest).Select(OpenTime).Should().Equal(Sample[1_498].OpenTime, Sample[1_499].OpenTime);
        newest.GetProperty("before").ValueKind.Should().Be(JsonValueKind.Null);

        var oldest = await GetAsync($"{prefix}/streams/LTCUSDT/1m/candles?before={Sample[3].OpenTime}");
        Candles(oldest).Select(OpenTime).Should().Equal(Sample.Take(3).Select(c => c.OpenTime));
        Candles(oldest).Should().OnlyContain(c => c.GetProperty("ma_fast").ValueKind == JsonValueKind.Null &&
                                                  c.GetProperty("ma_slow").ValueKind == JsonValueKind.Null &&
                                                  c.GetProperty("rsi").ValueKind == JsonValueKind.Null, "JSON has no NaN: warming up is null");
        oldest.GetProperty("more").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    public async Task The_most_a_page_holds_is_the_maximum_and_more_is_refused(string prefix)
    {
        var page = await GetAsync($"{prefix}/streams/LTCUSDT/1m/candles?limit={ArchiveLookback.MaxCount}");
        page.GetProperty("limit").GetInt32().Should().Be(ArchiveLookback.MaxCount);
        Candles(page).Should().HaveCount(ArchiveLookback.MaxCount);
        OpenTime(Candles(page)[^1]).Should().Be(Sample[1_499].OpenTime);

        // One set of limits for both routes: past the maximum is an error, not a silent cap.
        foreach (var limit in new[] { "1001", "99999999999999999999999" })
        {
            using var response = await App.Client.GetAsync($"{prefix}/streams/LTCUSDT/1m/candles?limit={limit}");
            await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, $"limit '{limit}' must be a whole number from 1 to 1000");
        }
    }

    [Theory]
    [InlineData("/streams/LTCUSDT/1m/candles?before=yesterday", "before 'yesterday' is not a date or time")]
    [InlineData("/streams/LTCUSDT/1m/candles?before=-5", "before '-5' is not a date or time")]
    [InlineData("/streams/LTCUSDT/1m/candles?before=2026-02-01&to=2026-02-02", "before and to are the same bound")]
    [InlineData("/streams/LTCUSDT/1m/candles?limit=0", "limit '0' must be a whole number from 1")]
    [InlineData("/streams/LTCUSDT/1m/candles?limit=ten", "limit 'ten' must be a whole number from 1")]
    [InlineData("/streams/LTCUSDT/1m/candles?limit=-1", "limit '-1' must be a whole number from 1")]
    public async Task Bad_parameters_are_refused_with_the_reason(string path, string reason)
    {
        foreach (var prefix in Prefixes)
        {
            using var response = await App.Client.GetAsync(prefix + path);
            await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, reason);
        }
    }

    [Theory]
    [InlineData("/streams/ltcusdt/1m/candles", "'ltcusdt' is not a symbol")]
    [InlineData("/streams/LTCUSDT/7m/candles", "'7m' is not a kline interval")]
    [InlineData("/streams/ETHUSDT/1m/candles", "ETHUSDT 1m is not a stream this node or its archive knows")]
    public async Task A_stream_neither_the_node_nor_the_archive_knows_is_not_found(string path, string reason)
    {
        foreach (var prefix in Prefixes)
        {
            using var response = await App.Client.GetAsync(prefix + path);
            await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.NotFound, reason);
            (await App.Client.GetAsync($"{prefix}/streams/BTCUSDT/1m/candles")).StatusCode.Should().Be(HttpStatusCode.OK,
                "a configured stream, even without candles yet");
        }
    }

    private static List<JsonElement> Candles(JsonElement page) => page.GetProperty("candles").EnumerateArray().ToList();

    private static long OpenTime(JsonElement candle) => candle.GetProperty("open_time").GetInt64();

    private async Task<JsonElement> GetAsync(string url)
    {
        using var response = await App.Client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
