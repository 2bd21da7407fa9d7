using System.Net;
using System.Text.Json;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>
/// Three strategies on one stream: the summaries list each, <c>strategy=</c> picks one's fills, equity, candles and events, an
/// unknown one is a 404 naming those that run there, and the seed's fields stay the seed's.
/// </summary>
public sealed class StrategiesApiTests(StrategiesApiApp fixture) : IClassFixture<StrategiesApiApp>
{
    private const string Stream = "/api/v1/streams/LTCUSDT/1m";

    private InProcessApp App => fixture.App;

    [Fact]
    public async Task The_summary_lists_every_strategy_and_keeps_the_first_one_s_figures_on_top()
    {
        var snapshot = fixture.Market.Snapshot(ApiTestApp.Stream);
        snapshot.Views.Select(v => v.Fills.Count).Should().OnlyContain(n => n > 0, "every strategy has traded");

        using var one = await GetJsonAsync(Stream);
        using var status = await GetJsonAsync("/api/v1/status");

        var summary = one.RootElement;
        var first = snapshot.Views[0];
        summary.GetProperty("equity").GetDecimal().Should().Be(first.Equity);
        summary.GetProperty("fills").GetInt32().Should().Be(first.Account.FillCount);
        var strategies = summary.GetProperty("strategies").EnumerateArray().ToList();
        strategies.Select(s => s.GetProperty("name").GetString()).Should().Equal(StrategiesApiApp.Names);
        strategies.Select(s => s.GetProperty("type").GetString()).Should().Equal("CrossoverRsi", "DonchianBreakout", "BollingerReversion");
        var listed = status.RootElement.GetProperty("streams")[0].GetProperty("strategies").EnumerateArray().ToList();
        listed.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            var view = snapshot.Views[i];
            var s = strategies[i];
            var at = view.Strategy!;
            s.GetProperty("equity").GetDecimal().Should().Be(view.Equity, at);
            s.GetProperty("pnl_percent").GetDecimal().Should().Be(decimal.Round(view.PnlPercent, 4), at);
            s.GetProperty("fills").GetInt32().Should().Be(view.Account.FillCount, at);
            s.GetProperty("signal").GetString().Should().Be(view.LastSignal!.Value.Token(), at);
            var series = s.GetProperty("series").EnumerateObject().ToList();
            series.Select(p => p.Name).Should().Equal(view.SeriesSpecs.Select(spec => spec.Name), at);
            for (var k = 0; k < series.Count; k++)
                series[k].Value.GetDouble().Should().Be(view.Latest!.Value.Series[k], $"{at} {series[k].Name}");

            // The status document: the same numbers, camelCase.
            listed[i].GetProperty("name").GetString().Should().Be(at);
            listed[i].GetProperty("pnlPercent").GetDecimal().Should().Be(s.GetProperty("pnl_percent").GetDecimal(), at);
            listed[i].GetProperty("series").GetRawText().Should().Be(s.GetProperty("series").GetRawText(), at);
        }

        // strategy= picks whose account the summary's own fields show; the list stays whole.
        using var bb = await GetJsonAsync($"{Stream}?strategy=BB");
        bb.RootElement.GetProperty("equity").GetDecimal().Should().Be(snapshot.Views[2].Equity);
        bb.RootElement.GetProperty("fills").GetInt32().Should().Be(snapshot.Views[2].Account.FillCount);
        bb.RootElement.GetProperty("strategies").GetRawText().Should().Be(summary.GetProperty("strategies").GetRawText());
    }

    [Theory]
    [InlineData(null, "CrossoverRsi")]
    [InlineData("DonchianBreakout", "DonchianBreakout")]
    [InlineData("bB", "bb")]
    public async Task Fills_and_equity_are_the_named_strategy_s(string? strategy, string expected)
    {
        var view = fixture.View(expected);
        var query = strategy is null ? "" : $"?strategy={strategy}";

        using var fills = await GetJsonAsync($"{Stream}/fills{query}");
        fills.RootElement.GetProperty("strategy").GetString().Should().Be(expected);
        fills.RootElement.GetProperty("fills").EnumerateArray().Select(f => (f.GetProperty("open_time").GetInt64(), f.GetProperty("price").GetDecimal()))
            .Should().Equal(view.Fills.Select(f => (f.CandleOpenTime, f.Price))).And.NotBeEmpty();

        using var equity = await GetJsonAsync($"{Stream}/equity{query}");
        equity.RootElement.GetProperty("strategy").GetString().Should().Be(expected);
        equity.RootElement.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("open_time").GetInt64(), p.GetProperty("equity").GetDecimal()))
            .Should().Equal(view.EquityCurve.Select(p => (p.OpenTime, p.Equity)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/fills")]
    [InlineData("/equity")]
    [InlineData("/candles")]
    [InlineData("/events")]
    [InlineData("/at")]
    public async Task An_unknown_strategy_is_a_404_naming_the_strategies_that_run_there(string path)
    {
        using var response = await App.Client.GetAsync($"{Stream}{path}?strategy=MacdTrend");

        var problem = await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.NotFound,
            "'MacdTrend' is not a strategy that runs on LTCUSDT 1m; strategies there: CrossoverRsi, DonchianBreakout, bb.");
        problem.GetProperty("title").GetString().Should().Be("Unknown strategy");
    }

    [Fact]
    public async Task Candles_carry_the_named_strategy_s_series_from_the_archive_and_the_buffer()
    {
        var reference = fixture.Reference("bb");
        var names = fixture.View("bb").SeriesSpecs.Select(s => s.Name).ToArray();
        names.Should().Equal("BB 20, 2 upper", "BB 20, 2 middle", "BB 20, 2 lower");

        // 400 candles ending with the newest: 200 from the archive, 200 from the buffer.
        using var page = await GetJsonAsync($"{Stream}/candles?strategy=bb&limit=400");
        page.RootElement.GetProperty("strategy").GetString().Should().Be("bb");
        var candles = page.RootElement.GetProperty("candles").EnumerateArray().ToList();
        candles.Should().HaveCount(400);
        var first = reference.Count - 400;
        for (var i = 0; i < candles.Count; i++)
        {
            var candle = candles[i];
            var expected = reference[first + i];
            var at = $"candle {first + i}";
            candle.GetProperty("open_time").GetInt64().Should().Be(expected.Candle.OpenTime, at);
            candle.GetProperty("signal").GetString().Should().Be(expected.Signal.Token(), at);
            candle.GetProperty("ma_fast").ValueKind.Should().Be(JsonValueKind.Null, "only the seed's strategy has moving averages there");
            candle.GetProperty("rsi").ValueKind.Should().Be(JsonValueKind.Null);
            var series = candle.GetProperty("series").EnumerateObject().ToList();
            series.Select(p => p.Name).Should().Equal(names, at);
            for (var k = 0; k < names.Length; k++) series[k].Value.GetDouble().Should().BeApproximately(expected.Series[k], 1e-9, $"{at} {names[k]}");
        }
        var fills = fixture.View("bb").Fills.ToDictionary(f => f.CandleOpenTime);
        candles.Where(c => fills.ContainsKey(c.GetProperty("open_time").GetInt64())).Should().NotBeEmpty()
            .And.OnlyContain(c => c.GetProperty("action").GetString() != "HOLD", "the action is bb's own fill");
    }

    [Fact]
    public async Task The_seed_s_candles_keep_their_fields_and_name_them_in_series_too()
    {
        using var page = await GetJsonAsync($"{Stream}/candles?limit=3");
        page.RootElement.GetProperty("strategy").GetString().Should().Be("CrossoverRsi");
        foreach (var candle in page.RootElement.GetProperty("candles").EnumerateArray())
        {
            var series = candle.GetProperty("series");
            series.EnumerateObject().Select(p => p.Name).Should().Equal("MA 20", "MA 50", "RSI 14");
            series.GetProperty("MA 20").GetDouble().Should().Be(candle.GetProperty("ma_fast").GetDouble());
            series.GetProperty("MA 50").GetDouble().Should().Be(candle.GetProperty("ma_slow").GetDouble());
            series.GetProperty("RSI 14").GetDouble().Should().Be(candle.GetProperty("rsi").GetDouble());
        }
    }

    [Fact]
    public async Task Events_are_the_named_strategy_s_signals_and_fills()
    {
        var view = fixture.View("DonchianBreakout");
        var evaluations = view.Evaluations;
        var from = evaluations[0].Candle.OpenTime;
        var last = evaluations[^1].Candle.OpenTime;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Stream}/events?strategy=donchianbreakout");
        request.Headers.Add("Last-Event-ID", $"{from}-1");
        using var response = await App.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var events = await reader.ReadUntilAsync(e => e.Event == "candle" && e.OpenTime == last, cancel.Token);

        events.Where(e => e.Event == "fill").Select(e => e.OpenTime)
            .Should().Equal(view.Fills.Where(f => f.CandleOpenTime >= from && f.CandleOpenTime < last).Select(f => f.CandleOpenTime)).And.NotBeEmpty();
        events.Where(e => e.Event == "signal").Select(e => e.OpenTime)
            .Should().Equal(evaluations.Where(e => e.Signal != Signal.Hold && e.Candle.OpenTime >= from && e.Candle.OpenTime < last).Select(e => e.Candle.OpenTime));
        var names = view.SeriesSpecs.Select(s => s.Name).ToArray();
        events.Where(e => e.Event != "fill").Should().OnlyContain(e => e.Json.GetProperty("series").EnumerateObject().Select(p => p.Name).SequenceEqual(names));
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await App.Client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
