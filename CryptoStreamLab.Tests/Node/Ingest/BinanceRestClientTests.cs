using System.Net;
using System.Text;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest.Binance;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class BinanceRestClientTests
{
    private static async Task<(FakeBinance Fake, MarketDataHarness Harness)> StartAsync()
    {
        var clock = SteppedTime.WithRealTimers(FakeMarket.During(30));
        var fake = await FakeBinance.StartAsync(clock, c => c.HoldAsync());
        return (fake, new MarketDataHarness(MarketDataHarness.BinanceSettings(fake, TimeSpan.Zero), clock));
    }

    [Fact]
    public async Task Reads_klines_with_the_documented_query()
    {
        var (fake, harness) = await StartAsync();
        await using var _ = fake;
        await using var __ = harness;

        var klines = await harness.Get<BinanceRestClient>().GetKlinesAsync(
            "BTCUSDT", KlineInterval.OneMinute, FakeMarket.OpenTime(3), FakeMarket.OpenTime(7), 1000, CancellationToken.None);

        klines.Should().Equal(Enumerable.Range(3, 5).Select(i => FakeMarket.Closed("BTCUSDT", i)));
        fake.KlineRequests.Single().Should().Match<KlinesRequest>(r =>
            r.Symbol == "BTCUSDT" && r.Interval == "1m" && r.StartTime == FakeMarket.OpenTime(3) && r.EndTime == FakeMarket.OpenTime(7) && r.Limit == 1000);
    }

    [Fact]
    public async Task A_451_explains_the_restriction_and_suggests_binance_us()
    {
        var (fake, harness) = await StartAsync();
        await using var _ = fake;
        await using var __ = harness;
        fake.FailNextRest(HttpStatusCode.UnavailableForLegalReasons);

        var act = () => harness.Get<BinanceRestClient>().GetKlinesAsync("BTCUSDT", KlineInterval.OneMinute, 0, 1, 10, CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<BinanceApiException>();
        thrown.Which.StatusCode.Should().Be(HttpStatusCode.UnavailableForLegalReasons);
        thrown.Which.Message.Should().Contain("HTTP 451").And.Contain("https://api.binance.us").And.Contain("wss://stream.binance.us:9443");
    }

    [Fact]
    public async Task A_418_without_retry_after_waits_the_default()
    {
        var (fake, harness) = await StartAsync();
        await using var _ = fake;
        await using var __ = harness;
        fake.FailNextRest((HttpStatusCode)418);

        var act = () => harness.Get<BinanceRestClient>().GetKlinesAsync("BTCUSDT", KlineInterval.OneMinute, 0, 1, 10, CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<BinanceRateLimitedException>();
        thrown.Which.RetryAfter.Should().Be(BinanceRestClient.DefaultRetryAfter);
        thrown.Which.Message.Should().Contain("HTTP 418").And.Contain("banned");
    }

    [Fact]
    public async Task Another_error_status_carries_binance_s_message()
    {
        var (fake, harness) = await StartAsync();
        await using var _ = fake;
        await using var __ = harness;
        fake.FailNextRest(HttpStatusCode.BadRequest);

        var act = () => harness.Get<BinanceRestClient>().GetKlinesAsync("BTCUSDT", KlineInterval.OneMinute, 0, 1, 10, CancellationToken.None);

        (await act.Should().ThrowAsync<BinanceApiException>()).Which.Message.Should()
            .Contain("GET /api/v3/klines BTCUSDT 1m").And.Contain("HTTP 400").And.Contain("Too much request weight");
    }

    [Fact]
    public void Parsing_names_the_row_and_column_of_a_bad_value()
    {
        var json = Encoding.UTF8.GetBytes("""[[1672531200000,"1","2","0.5","1.5","10",1672531259999,"15",3,"0","0","0"],[1672531260000,"1","x","0.5","1.5","10",1672531319999,"15",3,"0","0","0"]]""");

        var act = () => BinanceRestClient.ParseKlines(json, "BTCUSDT", KlineInterval.OneMinute, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        act.Should().Throw<FormatException>().WithMessage("row 1 column 2: expected a decimal*");
    }
}
