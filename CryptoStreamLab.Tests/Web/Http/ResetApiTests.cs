using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>The app with LTCUSDT trading on every cross; a test that resets feeds more candles first.</summary>
public sealed class ResetApp : IAsyncLifetime
{
    public InProcessApp App { get; } = new(ApiTestApp.Settings());

    public StreamDirectory Market => App.Services.GetRequiredService<StreamDirectory>();

    public CsvCandleFeeder Feeder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.StartAsync();
        Feeder = CsvCandleFeeder.ForSample(Market);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary><c>POST /api/v1/streams/{symbol}/{interval}/reset</c>: the dashboard's reset for programs; bodies are checked.</summary>
public sealed class ResetApiTests(ResetApp fixture) : IClassFixture<ResetApp>
{
    private const string Url = "/api/v1/streams/LTCUSDT/1m/reset";

    private InProcessApp App => fixture.App;

    private StreamDirectory Market => fixture.Market;

    [Fact]
    public async Task Resets_the_paper_account_without_any_token_or_body()
    {
        fixture.Feeder.ApplyClosed(500);
        var before = Market.Snapshot(ApiTestApp.Stream);
        before.Fills.Should().NotBeEmpty("there is something to reset");
        before.Equity.Should().NotBe(before.StartingBalance, "the account has gained or lost, so a stale equity would show");

        using var response = await App.Client.PostAsync(Url, content: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        summary.GetProperty("cash").GetDecimal().Should().Be(before.StartingBalance);
        summary.GetProperty("position").GetDecimal().Should().Be(0);
        summary.GetProperty("fills").GetInt32().Should().Be(0);
        summary.GetProperty("equity").GetDecimal().Should().Be(before.StartingBalance, "the summary values the new account, not the newest evaluation's");
        summary.GetProperty("pnl_percent").GetDecimal().Should().Be(0);
        var after = Market.Snapshot(ApiTestApp.Stream);
        after.Fills.Should().BeEmpty();
        after.EquityCurve.Should().BeEmpty();
        after.Candles.Should().HaveCount(before.Candles.Count, "a reset keeps the candles and indicators");

        using var fills = await App.Client.GetFromJsonAsync<JsonDocument>("/api/v1/streams/LTCUSDT/1m/fills");
        fills!.RootElement.GetProperty("fills").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("  { }\n")]
    [InlineData("")]
    public async Task An_empty_body_or_empty_object_is_accepted(string body)
    {
        using var response = await App.Client.PostAsync(Url, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("{\"starting_balance\": 5}", "takes no parameters")]
    [InlineData("[]", "takes no parameters")]
    [InlineData("\u00ff\u00fe", "not JSON")]
    public async Task A_malformed_or_unexpected_body_is_a_400_problem(string body, string detail)
    {
        var fillsBefore = Market.Snapshot(ApiTestApp.Stream).Account.FillCount;

        using var response = await App.Client.PostAsync(Url, new StringContent(body, Encoding.UTF8, "application/json"));

        await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, detail);
        Market.Snapshot(ApiTestApp.Stream).Account.FillCount.Should().Be(fillsBefore, "nothing was reset");
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_problem_whether_announced_or_chunked()
    {
        var big = "{\"pad\":\"" + new string('x', 4_096) + "\"}";

        using var announced = await App.Client.PostAsync(Url, new StringContent(big, Encoding.UTF8, "application/json"));
        await StreamApiTests.ShouldBeProblemAsync(announced, HttpStatusCode.RequestEntityTooLarge, "larger than 1024 bytes");

        // No Content-Length: the body is read up to the limit and refused there.
        using var chunked = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(big)));
        using var response = await App.Client.PostAsync(Url, chunked);
        await StreamApiTests.ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than 1024 bytes");

        // Every /api/v1 endpoint refuses one, even those that read no body.
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/streams") { Content = new StringContent(big) };
        using var refused = await App.Client.SendAsync(get);
        await StreamApiTests.ShouldBeProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge, "larger than 1024 bytes");
    }

    [Fact]
    public async Task An_unknown_stream_is_a_404_problem()
    {
        using var unknown = await App.Client.PostAsync("/api/v1/streams/BTCUSDT/1m/reset", content: null);
        await StreamApiTests.ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound, "BTCUSDT 1m is not a stream this node knows");
    }

    /// <summary>A body whose length is not known up front, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
