using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary><c>POST …/reset?strategy=</c>: one strategy's account, or every strategy's of the stream without the parameter.</summary>
public sealed class StrategiesResetTests : IAsyncLifetime
{
    private const string Url = "/api/v1/streams/LTCUSDT/1m/reset";

    private readonly InProcessApp _app = new(StrategiesApiApp.Settings());

    private StreamDirectory Market => _app.Services.GetRequiredService<StreamDirectory>();

    public async Task InitializeAsync()
    {
        await _app.StartAsync();
        CsvCandleFeeder.ForSample(Market).ApplyClosed(1_500);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_named_strategy_s_account_is_reset_alone_and_no_name_resets_every_one()
    {
        FillCounts().Should().OnlyContain(n => n > 0, "every strategy has traded");

        using (var unknown = await _app.Client.PostAsync($"{Url}?strategy=nope", content: null))
            await StreamApiTests.ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound, "strategies there: CrossoverRsi, DonchianBreakout, bb");
        FillCounts().Should().OnlyContain(n => n > 0, "nothing was reset");

        using (var one = await _app.Client.PostAsync($"{Url}?strategy=BB", content: null))
        {
            one.StatusCode.Should().Be(HttpStatusCode.OK, await one.Content.ReadAsStringAsync());
            var summary = await one.Content.ReadFromJsonAsync<JsonElement>();
            summary.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("fills").GetInt32() == 0).Should().Equal(false, false, true);
        }
        FillCounts()[..2].Should().OnlyContain(n => n > 0, "the other strategies keep their accounts");
        FillCounts()[2].Should().Be(0);
        Market.Snapshot(ApiTestApp.Stream).For("bb")!.EquityCurve.Should().BeEmpty();

        using (var all = await _app.Client.PostAsync(Url, content: null))
            all.StatusCode.Should().Be(HttpStatusCode.OK, await all.Content.ReadAsStringAsync());
        FillCounts().Should().OnlyContain(n => n == 0);
    }

    private int[] FillCounts() => Market.Snapshot(ApiTestApp.Stream).Views.Select(v => v.Fills.Count).ToArray();
}
