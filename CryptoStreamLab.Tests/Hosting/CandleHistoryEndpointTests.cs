using System.Net;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Web.Hosting;

namespace CryptoStreamLab.Tests.Hosting;

/// <summary>The app with 1,500 archived LTCUSDT candles and no live ones, shared by the read-only tests of the endpoint.</summary>
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
        foreach (var day in CsvCandleFeeder.SampleCandles.Take(1_500).GroupBy(c => ParquetCandleFile.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(root, day.Key), day.ToList());
        await App.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary><c>GET /api/streams/{symbol}/{interval}/candles</c>: older candles for programs, a page at a time.</summary>
public sealed class CandleHistoryEndpointTests(ArchivedStreamApp fixture) : IClassFixture<ArchivedStreamApp>
{
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;

    private InProcessApp App => fixture.App;

    [Fact]
    public async Task Pages_back_through_an_archived_stream_with_its_indicators()
    {
        var first = await GetAsync($"/api/streams/LTCUSDT/1m/candles?before={Sample[1_200].OpenTime}&limit=3");

        first.Symbol.Should().Be("LTCUSDT");
        first.Interval.Should().Be("1m");
        first.Limit.Should().Be(3);
        first.More.Should().BeTrue();
        first.Candles.Select(c => (c.OpenTime, c.Close)).Should().Equal(Sample.Skip(1_197).Take(3).Select(c => (c.OpenTime, c.Close)));
        first.Candles[^1].SlowMa.Should().BeApproximately((double)Sample.Skip(1_150).Take(50).Average(c => c.Close), 1e-9);
        first.Candles.Should().OnlyContain(c => c.FastMa != null && c.Rsi >= 0 && c.Rsi <= 100);

        var newest = await GetAsync("/api/streams/LTCUSDT/1m/candles?limit=2");
        newest.Candles.Select(c => c.OpenTime).Should().Equal(Sample[1_498].OpenTime, Sample[1_499].OpenTime);
        newest.Before.Should().BeNull();

        var oldest = await GetAsync($"/api/streams/LTCUSDT/1m/candles?before={Sample[3].OpenTime}");
        oldest.Candles.Select(c => c.OpenTime).Should().Equal(Sample.Take(3).Select(c => c.OpenTime));
        oldest.Candles.Should().OnlyContain(c => c.FastMa == null && c.SlowMa == null && c.Rsi == null, "JSON has no NaN: warming up is null");
        oldest.More.Should().BeFalse();
    }

    [Theory]
    [InlineData("1001")]
    [InlineData("99999999999999999999999")]
    public async Task A_limit_above_the_maximum_is_capped(string limit)
    {
        var page = await GetAsync($"/api/streams/LTCUSDT/1m/candles?limit={limit}");

        page.Limit.Should().Be(CandleHistory.MaxCount);
        page.Candles.Should().HaveCount(CandleHistory.MaxCount);
        page.Candles[^1].OpenTime.Should().Be(Sample[1_499].OpenTime);
    }

    [Theory]
    [InlineData("/api/streams/ltcusdt/1m/candles", "'ltcusdt' is not a symbol")]
    [InlineData("/api/streams/LTCUSDT/7m/candles", "'7m' is not a kline interval")]
    [InlineData("/api/streams/LTCUSDT/1m/candles?before=yesterday", "before 'yesterday' must be a time in epoch milliseconds")]
    [InlineData("/api/streams/LTCUSDT/1m/candles?before=-5", "before '-5' must be a time in epoch milliseconds")]
    [InlineData("/api/streams/LTCUSDT/1m/candles?limit=0", "limit '0' must be a whole number from 1")]
    [InlineData("/api/streams/LTCUSDT/1m/candles?limit=ten", "limit 'ten' must be a whole number from 1")]
    [InlineData("/api/streams/LTCUSDT/1m/candles?limit=-1", "limit '-1' must be a whole number from 1")]
    public async Task Bad_parameters_are_refused_with_the_reason(string url, string reason)
    {
        using var response = await App.Client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should().Contain(reason);
    }

    [Fact]
    public async Task A_stream_neither_the_node_nor_the_archive_knows_is_not_found()
    {
        using var response = await App.Client.GetAsync("/api/streams/ETHUSDT/1m/candles");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await App.Client.GetAsync("/api/streams/BTCUSDT/1m/candles")).StatusCode.Should().Be(HttpStatusCode.OK, "a configured stream, even without candles yet");
    }

    private async Task<CandleHistoryEndpoints.HistoryPage> GetAsync(string url)
    {
        using var response = await App.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<CandleHistoryEndpoints.HistoryPage>(body, JsonSerializerOptions.Web)!;
    }
}
